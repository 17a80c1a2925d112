import type { Logger } from '@mlops/logger';
import { claimDueTicks } from './scheduler.js';
import { advanceTick, type TickRunnerDeps } from './tick-runner.js';

/** The running loop: `wake` polls now (after the poll in flight), `stop` ends it. */
export interface RetrainingLoop {
  readonly wake: () => void;
  readonly stop: () => Promise<void>;
}

/**
 * Every `pollMs`: claims the due ticks, then advances every running tick no other live process
 * holds. One poll at a time in this process; replicas share the work through the tick claims and
 * leases in MongoDB.
 */
export function startRetrainingLoop(deps: TickRunnerDeps & { logger: Logger }, pollMs: number): RetrainingLoop {
  let inFlight: Promise<void> = Promise.resolve();
  let busy = false;
  let again = false;
  let stopped = false;
  const poll = async (): Promise<void> => {
    await claimDueTicks(deps);
    for (const tick of await deps.ticks.workable(deps.owner)) {
      if (stopped) return;
      await advanceTick(deps, tick._id);
    }
  };
  const run = (): void => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    inFlight = poll()
      .catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'retraining poll failed');
      })
      .finally(() => {
        busy = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, pollMs);
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
