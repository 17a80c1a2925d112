import { WORK_QUEUES, trainingRequestedMessageSchema, type TrainingJobRequest } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import type { TrainingJobDocument, TrainingJobRepository } from './training-job.repository.js';

/** Sends the job's `training.requested` message (confirmed by the broker) and marks it dispatched. */
export async function dispatchTrainingJob(broker: Broker, jobs: TrainingJobRepository, job: TrainingJobDocument, requestId?: string): Promise<void> {
  await broker.publishWork(
    WORK_QUEUES.trainingRequested,
    trainingRequestedMessageSchema,
    { jobId: job._id, requestedAt: job.createdAt.toISOString(), request: job.request },
    { messageId: job._id, ...(requestId ? { requestId } : {}) },
  );
  await jobs.markDispatched(job._id);
}

/**
 * Stores a queued job and dispatches it. The job is stored first, so a broker outage loses
 * nothing: the request still succeeds and the dispatch sweeper sends the message later.
 */
export async function submitTrainingJob(
  deps: { broker: Broker; jobs: TrainingJobRepository; logger: Pick<Logger, 'warn'> },
  request: TrainingJobRequest,
  requestId: string,
): Promise<TrainingJobDocument> {
  const job = await deps.jobs.create(request);
  try {
    await dispatchTrainingJob(deps.broker, deps.jobs, job, requestId);
  } catch (error) {
    deps.logger.warn({ err: error, jobId: job._id }, 'training.requested not confirmed; the dispatch sweeper will resend it');
  }
  return job;
}
