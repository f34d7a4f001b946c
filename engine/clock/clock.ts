/**
 * Time as the domain sees it. Everything in engine/ asks the injected clock, never `Date.now()`,
 * so tests move time forward instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock, for production. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; tests use it to make deadlines fall due. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Jump to an instant; refuses to go back, because real time never does. */
  set(instant: Date | string): void {
    const next = new Date(instant).getTime();
    if (next < this.current) throw new RangeError('ManualClock cannot move backwards');
    this.current = next;
  }

  /** Move forward by a number of milliseconds. */
  advance(ms: number): void {
    this.set(new Date(this.current + ms));
  }
}
