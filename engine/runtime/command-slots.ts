/**
 * At most N case transactions open at once in a process. A command holds its pool connection
 * for the whole transaction and may still read through the pool inside it (a definition or a
 * region it has not cached yet); with as many commands as connections, each would wait for a
 * connection another holds and none would ever finish. Keeping some connections out of reach of
 * the commands means those inner reads always find one.
 */
export class CommandSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`command slots must be a positive integer, got ${size}`);
    this.free = size;
  }

  /** Run `work` once a slot is free (first come, first served). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so a newcomer can't overtake it.
      if (next) next();
      else this.free += 1;
    }
  }

  /** Commands waiting for a slot (for stats). */
  get queued(): number {
    return this.waiting.length;
  }
}
