import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, EXIT } from './cli-error.js';

/** How a wait ends when the person presses Ctrl-C: what goes on server-side and how to watch again. */
export interface WaitOptions {
  readonly signal: AbortSignal;
  readonly intervalMs: number;
  /** Said on Ctrl-C (`training goes on; watch it again with ...`). */
  readonly resumeHint: string;
  /** Give up after this long (exit 5). */
  readonly timeoutMs?: number;
  readonly timeoutHint?: string;
}

/**
 * Calls `check` until it returns a value (not undefined), sleeping `intervalMs` between calls. Ctrl-C
 * stops the wait with exit 130 and the resume hint; the work itself is not touched.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const started = Date.now();
  for (;;) {
    if (options.signal.aborted) throw interrupted(options.resumeHint);
    const value = await check();
    if (value !== undefined) return value;
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      throw new CliError(EXIT.timeout, options.timeoutHint ?? 'gave up waiting', 'TIMEOUT', [options.resumeHint]);
    }
    try {
      await sleep(options.intervalMs, undefined, { signal: options.signal });
    } catch {
      throw interrupted(options.resumeHint);
    }
  }
}

function interrupted(hint: string): CliError {
  return new CliError(EXIT.interrupted, `stopped watching (Ctrl-C). ${hint}`, 'INTERRUPTED');
}
