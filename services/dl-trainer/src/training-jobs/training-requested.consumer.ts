import {
  EVENTS,
  WORK_QUEUES,
  trainingFinishedEventSchema,
  trainingRequestedMessageSchema,
  type TrainingRequestedMessage,
} from '@mlops/contracts';
import { jobLogger, type Logger } from '@mlops/logger';
import type { Broker, MessageContext } from '@mlops/messaging';
import type { TrainingExecutor } from './training-executor.js';
import { TRAINING_CANCELLED, TrainingJobFailure } from './training-executor.js';
import type { HeldLease, JobLeaseRepository } from './job-lease.repository.js';
import type { TrainingJobDocument, TrainingJobRepository } from './training-job.repository.js';

/** What the consumer needs. */
export interface TrainingConsumerDeps {
  readonly broker: Broker;
  readonly jobs: TrainingJobRepository;
  readonly leases: JobLeaseRepository;
  readonly executor: TrainingExecutor;
  readonly prefetch: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
}

async function publishFinished(broker: Broker, job: TrainingJobDocument, requestId: string | undefined): Promise<void> {
  const status = job.status === 'succeeded' ? 'succeeded' : job.status === 'cancelled' ? 'cancelled' : 'failed';
  await broker.publishEvent(
    status === 'succeeded' ? EVENTS.trainingCompleted : EVENTS.trainingFailed,
    trainingFinishedEventSchema,
    {
      jobId: job._id,
      modelName: job.request.modelName,
      status,
      attempts: job.attempts,
      finishedAt: (job.finishedAt ?? new Date()).toISOString(),
      ...(job.error ? { error: job.error } : {}),
      ...(job.request.study ? { studyId: job.request.study.id, trialNumber: job.request.study.trialNumber } : {}),
    },
    { messageId: `${job._id}:${status}`, ...(requestId ? { requestId } : {}) },
  );
}

/**
 * Publishes the finished job's event, then marks it announced. The outcome is written first and
 * the message acked last, so a crash between the two is healed by the redelivered message: it
 * finds the job finished but unannounced and publishes again (same message id).
 */
async function announceFinished(
  deps: TrainingConsumerDeps,
  job: TrainingJobDocument,
  requestId: string | undefined,
): Promise<void> {
  await publishFinished(deps.broker, job, requestId);
  await deps.jobs.markAnnounced(job._id);
}

/** Keeps the lease alive while the executor runs; aborts the run when the lease is lost. Stopping waits for a renewal in flight. */
function keepLease(deps: TrainingConsumerDeps, lease: HeldLease, abort: AbortController): () => Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      pending = deps.leases.renew(lease, deps.leaseMs).then(
        (held) => {
          if (!held) abort.abort(new Error('lease lost to another worker'));
        },
        () => undefined,
      );
    },
    Math.max(500, Math.floor(deps.leaseMs / 3)),
  );
  timer.unref();
  return async () => {
    clearInterval(timer);
    await pending;
  };
}

type Outcome =
  | { status: 'succeeded' }
  | { status: 'failed' | 'cancelled'; error: { code: string; message: string } }
  | { status: 'retry'; error: unknown };

async function runExecutor(
  deps: TrainingConsumerDeps,
  job: TrainingJobDocument,
  attempt: number,
  logger: Logger,
  signal: AbortSignal,
): Promise<Outcome> {
  try {
    await deps.executor.execute(job, { logger, signal });
    return { status: 'succeeded' };
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof TrainingJobFailure) {
      const status = error.code === TRAINING_CANCELLED ? 'cancelled' : 'failed';
      return { status, error: { code: error.code, message: error.message } };
    }
    if (attempt < deps.maxAttempts) return { status: 'retry', error };
    return { status: 'failed', error: { code: 'TRAINING_ATTEMPTS_EXHAUSTED', message: String(error) } };
  }
}

/**
 * Handles one `training.requested` message, idempotent by job id: the job is leased (so a
 * duplicate message or a second worker cannot run it twice), executed, and its outcome written
 * while the lease is still current. A redelivered message (its consumer died before acking)
 * takes the job over and runs it to the end once.
 */
export async function handleTrainingRequested(
  deps: TrainingConsumerDeps,
  message: TrainingRequestedMessage,
  context: MessageContext,
): Promise<void> {
  const logger = jobLogger(context.logger, message.jobId);
  await deps.jobs.ensure(message.jobId, message.request, new Date(message.requestedAt));
  const current = await deps.jobs.findById(message.jobId);
  const lease =
    current && !isFinished(current)
      ? await deps.leases.acquire(message.jobId, deps.leaseMs, context.redelivered)
      : undefined;
  const job = lease ? await deps.jobs.markRunning(message.jobId) : undefined;
  if (!lease || !job) {
    logger.info({ status: current?.status }, 'job finished or held by a live worker; message acknowledged');
    if (current && isFinished(current) && current.attempts > 0 && !current.announcedAt)
      await announceFinished(deps, current, context.requestId);
    return;
  }
  logger.info({ attempt: job.attempts, leaseGeneration: lease.generation }, 'training job started');
  const abort = new AbortController();
  const onOuterAbort = (): void => abort.abort(context.signal.reason);
  context.signal.addEventListener('abort', onOuterAbort, { once: true });
  const stopLease = keepLease(deps, lease, abort);
  let outcome: Outcome;
  try {
    outcome = await runExecutor(deps, job, context.attempt, logger, abort.signal);
  } finally {
    await stopLease();
    context.signal.removeEventListener('abort', onOuterAbort);
  }
  if (!(await deps.leases.isCurrent(lease))) {
    logger.warn('lease lost while running; the outcome is dropped');
    return;
  }
  if (outcome.status === 'retry') {
    await deps.jobs.requeue(message.jobId);
    await deps.leases.expire(lease);
    throw outcome.error;
  }
  const finished = await deps.jobs.finish(message.jobId, outcome);
  if (finished) await announceFinished(deps, finished, context.requestId);
  logger.info(
    { status: outcome.status, ...(outcome.status === 'failed' ? { error: outcome.error } : {}) },
    'training job finished',
  );
}

function isFinished(job: TrainingJobDocument): boolean {
  return job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';
}

/** Starts consuming `training.requested` with `prefetch` jobs at once per process. */
export async function startTrainingConsumer(deps: TrainingConsumerDeps): Promise<void> {
  await deps.broker.consume({
    queue: WORK_QUEUES.trainingRequested,
    schema: trainingRequestedMessageSchema,
    prefetch: deps.prefetch,
    maxAttempts: deps.maxAttempts,
    handler: (message, context) => handleTrainingRequested(deps, message, context),
  });
}
