import type { Logger } from '@mlops/logger';
import { startPollingLoop, type PollingLoop } from '../polling-loop.js';
import { claimDueTicks } from './scheduler.js';
import { advanceTick, type TickRunnerDeps } from './tick-runner.js';

/**
 * Every `pollMs`: claims the due ticks, then advances every running tick no other live process
 * holds. One poll at a time in this process; replicas share the work through the tick claims and
 * leases in MongoDB.
 */
export function startRetrainingLoop(deps: TickRunnerDeps & { logger: Logger }, pollMs: number): PollingLoop {
  return startPollingLoop(
    async (stopped) => {
      await claimDueTicks(deps);
      for (const tick of await deps.ticks.workable(deps.owner)) {
        if (stopped()) return;
        await advanceTick(deps, tick._id);
      }
    },
    { pollMs, logger: deps.logger, failure: 'retraining poll failed' },
  );
}
