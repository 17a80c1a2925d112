/** The gate is full: as many renders run and wait as it allows. */
export class GateFullError extends Error {
  override readonly name = 'GateFullError';
}

/**
 * A bounded concurrency gate: at most `maxActive` tasks run at once and at most `maxWaiting` wait
 * for a slot (first come, first served); a task arriving beyond that is refused at once with
 * GateFullError, so that a burst of expensive renders turns into quick 503s instead of a queue
 * nobody waits for.
 */
export class RenderGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
  ) {
    if (maxActive < 1) throw new RangeError('a gate needs at least one slot');
  }

  /** Tasks running and waiting now. */
  get load(): { readonly active: number; readonly waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free; throws GateFullError when the gate and its queue are full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.maxActive) {
      this.active += 1;
    } else {
      if (this.waiting.length >= this.maxWaiting) {
        throw new GateFullError(`${this.active} renders running and ${this.waiting.length} waiting`);
      }
      // The slot is handed over by the task that releases it (`active` stays the same).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
