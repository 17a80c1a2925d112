import type { Logger } from '@mlops/logger';
import { startPeriodicTask } from '@mlops/runtime';
import { dispatchTrainingRequest, type DispatchDeps } from './submit-training-job.usecase.js';

/**
 * Periodically resends the `training.requested` messages still in the outbox (their first
 * dispatch was never confirmed). Returns a function that stops it.
 */
export function startDispatchSweeper(deps: DispatchDeps & { logger: Logger }, intervalMs: number): () => void {
  return startPeriodicTask(
    'training dispatch sweep',
    async () => {
      if (!deps.broker.isConnected()) return;
      for (const message of await deps.outbox.pending(new Date(Date.now() - intervalMs), 100)) {
        await dispatchTrainingRequest(deps, message);
        deps.logger.info({ jobId: message.jobId }, 'training job re-dispatched');
      }
    },
    intervalMs,
    deps.logger,
  );
}
