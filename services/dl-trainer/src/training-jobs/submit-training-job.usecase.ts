import { randomUUID } from 'node:crypto';
import {
  WORK_QUEUES,
  trainingRequestedMessageSchema,
  type TrainingJobRequest,
  type TrainingRequestedMessage,
} from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import type { JobOutboxRepository } from './job-outbox.repository.js';
import type { TrainingJobDocument, TrainingJobRepository } from './training-job.repository.js';

/** What submitting and dispatching jobs needs. */
export interface DispatchDeps {
  readonly broker: Broker;
  readonly outbox: JobOutboxRepository;
}

/** Sends one `training.requested` message (confirmed by the broker) and clears its outbox entry. */
export async function dispatchTrainingRequest(
  deps: DispatchDeps,
  message: TrainingRequestedMessage,
  requestId?: string,
): Promise<void> {
  await deps.broker.publishWork(WORK_QUEUES.trainingRequested, trainingRequestedMessageSchema, message, {
    messageId: message.jobId,
    ...(requestId ? { requestId } : {}),
  });
  await deps.outbox.remove(message.jobId);
}

/**
 * Records the message in the outbox, stores the queued job, then dispatches it. A broker
 * outage or a crash loses nothing: the request still succeeds and the sweeper sends the
 * message later. `jobId` lets a caller that stored the id first (a study's trial) submit again
 * after a crash without creating a second job.
 */
export async function submitTrainingJob(
  deps: DispatchDeps & { jobs: TrainingJobRepository; logger: Pick<Logger, 'warn'> },
  request: TrainingJobRequest,
  requestId: string,
  jobId: string = randomUUID(),
): Promise<TrainingJobDocument> {
  const now = new Date();
  const message: TrainingRequestedMessage = { jobId, requestedAt: now.toISOString(), request };
  await deps.outbox.add(message, now);
  const job = await deps.jobs.create(message.jobId, request, now);
  try {
    await dispatchTrainingRequest(deps, message, requestId);
  } catch (error) {
    deps.logger.warn(
      { err: error, jobId: job._id },
      'training.requested not confirmed; the dispatch sweeper will resend it',
    );
  }
  return job;
}
