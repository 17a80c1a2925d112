/** How long no document may settle before the CLI says what may be wrong. */
export const STALL_HINT_MS = 60_000;

/**
 * Tells once when progress stopped: `observe` answers true the first time `settled` has not grown
 * for `afterMs`, false otherwise (and forever after it answered true).
 */
export class StallWatch {
  #settled = -1;
  #since = 0;
  #told = false;

  constructor(private readonly afterMs = STALL_HINT_MS) {}

  /** Records how many documents have settled at `now` (ms); true when it is time to tell. */
  observe(settled: number, now: number): boolean {
    if (settled > this.#settled) {
      this.#settled = settled;
      this.#since = now;
      return false;
    }
    if (this.#told || now - this.#since < this.afterMs) return false;
    this.#told = true;
    return true;
  }
}

/** What to tell a user whose documents stopped moving. */
export function stallHint(waiting: number, afterMs = STALL_HINT_MS): string {
  return (
    `${waiting} document${waiting === 1 ? '' : 's'} not processed after ${Math.round(afterMs / 1000)} s without progress: ` +
    'is document processing running (`mlops status`)? feature-store sends a document again when it has sat ' +
    'unprocessed for PROCESSING_STALE_MS (10 min by default); this command keeps watching.'
  );
}
