import type { Logger } from '@mlops/logger';
import { dispatchTrainingRequest, type DispatchDeps } from './submit-training-job.usecase.js';

/**
 * Periodically resends the `training.requested` messages still in the outbox (their first
 * dispatch was never confirmed). Returns a function that stops it.
 */
export function startDispatchSweeper(deps: DispatchDeps & { logger: Logger }, intervalMs: number): () => void {
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running || !deps.broker.isConnected()) return;
    running = true;
    try {
      for (const message of await deps.outbox.pending(new Date(Date.now() - intervalMs), 100)) {
        await dispatchTrainingRequest(deps, message);
        deps.logger.info({ jobId: message.jobId }, 'training job re-dispatched');
      }
    } catch (error) {
      deps.logger.warn({ err: error }, 'dispatch sweep failed; next sweep retries');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
