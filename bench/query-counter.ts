/**
 * Counts SQL statements and round trips ("flights") by wrapping `pg.Client.prototype.query`,
 * which every pool client and pool.query go through.
 *
 * A flight is a statement sent while its connection had nothing outstanding: statements a
 * pipelined connection sends while earlier ones are still on the wire share that round trip
 * (the app sends a command's writes together this way), so flights ≤ statements.
 */
import pg from 'pg';

export interface QueryCount {
  statements: number;
  flights: number;
}

export interface CountedStep extends QueryCount {
  step: string;
  /** The statements of this step, first line of each, in order (flight starts marked ▶). */
  sql: string[];
}

type QueryFn = (...args: unknown[]) => unknown;

export class QueryCounter {
  private original: QueryFn | undefined;
  private readonly outstanding = new WeakMap<object, number>();
  private paused = 0;
  private current: CountedStep = { step: '', statements: 0, flights: 0, sql: [] };
  readonly steps: CountedStep[] = [];

  /** Start counting (idempotent). */
  install(): void {
    if (this.original) return;
    const original = pg.Client.prototype.query as unknown as QueryFn;
    this.original = original;
    const counter = this;
    (pg.Client.prototype as unknown as { query: QueryFn }).query = function (this: object, ...args: unknown[]) {
      if (counter.paused > 0) return original.apply(this, args);
      const outstanding = counter.outstanding.get(this) ?? 0;
      const newFlight = outstanding === 0;
      counter.current.statements += 1;
      if (newFlight) counter.current.flights += 1;
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '?';
      counter.current.sql.push(`${newFlight ? '▶ ' : '  '}${text.trim().split('\n')[0]!.replace(/\s+/g, ' ').slice(0, 120)}`);
      counter.outstanding.set(this, outstanding + 1);
      const done = () => counter.outstanding.set(this, Math.max(0, (counter.outstanding.get(this) ?? 1) - 1));
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = function (this: unknown, ...cbArgs: unknown[]) {
          done();
          return (last as QueryFn).apply(this, cbArgs);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args) as { then?: (a: () => void, b: () => void) => unknown } | undefined;
      if (result && typeof result.then === 'function') result.then(done, done);
      else done();
      return result;
    };
  }

  uninstall(): void {
    if (!this.original) return;
    (pg.Client.prototype as unknown as { query: QueryFn }).query = this.original;
    this.original = undefined;
  }

  /** Count what `work` sends as one named step. */
  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.current = { step: name, statements: 0, flights: 0, sql: [] };
    try {
      return await work();
    } finally {
      this.steps.push(this.current);
      this.current = { step: '', statements: 0, flights: 0, sql: [] };
    }
  }

  /** Run `work` without counting it (looking up ids between steps). */
  async uncounted<T>(work: () => Promise<T>): Promise<T> {
    this.paused += 1;
    try {
      return await work();
    } finally {
      this.paused -= 1;
    }
  }

  total(): QueryCount {
    return this.steps.reduce((t, s) => ({ statements: t.statements + s.statements, flights: t.flights + s.flights }), { statements: 0, flights: 0 });
  }

  reset(): void {
    this.steps.length = 0;
  }
}
