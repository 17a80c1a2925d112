import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import { dispatchTrainingJob } from './submit-training-job.usecase.js';
import type { TrainingJobRepository } from './training-job.repository.js';

/**
 * Periodically resends `training.requested` for queued jobs whose first dispatch was never
 * confirmed (the broker was down at submit time). Returns a function that stops it.
 */
export function startDispatchSweeper(deps: { broker: Broker; jobs: TrainingJobRepository; logger: Logger }, intervalMs: number): () => void {
  let running = false;
  const sweep = async (): Promise<void> => {
    if (running || !deps.broker.isConnected()) return;
    running = true;
    try {
      const stale = await deps.jobs.undispatched(new Date(Date.now() - intervalMs), 100);
      for (const job of stale) {
        await dispatchTrainingJob(deps.broker, deps.jobs, job);
        deps.logger.info({ jobId: job._id }, 'training job re-dispatched');
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
