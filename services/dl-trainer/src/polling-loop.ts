import type { Logger } from '@mlops/logger';

/** A loop that polls: `wake` runs a pass now (after the one in flight), `stop` ends it. */
export interface PollingLoop {
  readonly wake: () => void;
  readonly stop: () => Promise<void>;
}

/**
 * Runs `pass` every `pollMs`, one pass at a time in this process: a wake during a pass runs one
 * more right after it. `pass` is given `stopped()` to leave early; a failed pass is logged with
 * `failure` and the loop goes on. `stop` waits for the pass in flight.
 */
export function startPollingLoop(
  pass: (stopped: () => boolean) => Promise<void>,
  options: { readonly pollMs: number; readonly logger: Logger; readonly failure: string },
): PollingLoop {
  let inFlight: Promise<void> = Promise.resolve();
  let busy = false;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    inFlight = pass(() => stopped)
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, options.failure);
      })
      .finally(() => {
        busy = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.pollMs);
  timer.unref();
  return {
    wake: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
