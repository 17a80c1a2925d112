import { EVENTS, WORK_QUEUES, trainingFinishedEventSchema, trainingRequestedMessageSchema, type TrainingRequestedMessage } from '@mlops/contracts';
import { jobLogger } from '@mlops/logger';
import type { Broker, MessageContext } from '@mlops/messaging';
import type { TrainingExecutor } from './training-executor.js';
import { TrainingJobFailure } from './training-executor.js';
import type { TrainingJobDocument, TrainingJobRepository } from './training-job.repository.js';

/** What the consumer needs. */
export interface TrainingConsumerDeps {
  readonly broker: Broker;
  readonly jobs: TrainingJobRepository;
  readonly executor: TrainingExecutor;
  readonly prefetch: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
}

async function publishFinished(broker: Broker, job: TrainingJobDocument, requestId: string | undefined): Promise<void> {
  const status = job.status === 'succeeded' ? 'succeeded' : 'failed';
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
    },
    { messageId: `${job._id}:${status}`, ...(requestId ? { requestId } : {}) },
  );
}

/** Keeps the lease alive while the executor runs; aborts the execution if the lease is lost. */
function keepLease(deps: TrainingConsumerDeps, jobId: string, token: string, abort: AbortController): () => void {
  const timer = setInterval(() => {
    deps.jobs.renewLease(jobId, token, deps.leaseMs).then(
      (held) => {
        if (!held) abort.abort(new Error('lease lost to another worker'));
      },
      () => undefined,
    );
  }, Math.max(1000, Math.floor(deps.leaseMs / 3)));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Handles one `training.requested` message, idempotent by job id: the job is claimed with a
 * lease (so a duplicate message or a second worker cannot run it twice), executed, and its
 * outcome written only while the lease is held. A redelivered message (its consumer died before
 * acking) takes the job over and runs it to the end once.
 */
export async function handleTrainingRequested(deps: TrainingConsumerDeps, message: TrainingRequestedMessage, context: MessageContext): Promise<void> {
  const logger = jobLogger(context.logger, message.jobId);
  await deps.jobs.ensure(message.jobId, message.request, new Date(message.requestedAt));
  const claimed = await deps.jobs.claim(message.jobId, deps.leaseMs, context.redelivered);
  if (!claimed) {
    const job = await deps.jobs.findById(message.jobId);
    logger.info({ status: job?.status }, 'job already finished or held by a live worker; message acknowledged');
    return;
  }
  logger.info({ attempt: claimed.job.attempts }, 'training job started');
  const abort = new AbortController();
  const onOuterAbort = (): void => abort.abort(context.signal.reason);
  context.signal.addEventListener('abort', onOuterAbort, { once: true });
  const stopLease = keepLease(deps, message.jobId, claimed.leaseToken, abort);
  try {
    await deps.executor.execute(claimed.job, { logger, signal: abort.signal });
    const finished = await deps.jobs.finish(message.jobId, claimed.leaseToken, { status: 'succeeded' });
    if (finished) await publishFinished(deps.broker, finished, context.requestId);
    logger.info({ kept: Boolean(finished) }, 'training job succeeded');
  } catch (error) {
    if (abort.signal.aborted) throw error;
    const permanent = error instanceof TrainingJobFailure;
    if (!permanent && context.attempt < deps.maxAttempts) {
      await deps.jobs.release(message.jobId, claimed.leaseToken);
      throw error;
    }
    const failure = permanent ? { code: error.code, message: error.message } : { code: 'TRAINING_ATTEMPTS_EXHAUSTED', message: String(error) };
    const finished = await deps.jobs.finish(message.jobId, claimed.leaseToken, { status: 'failed', error: failure });
    if (finished) await publishFinished(deps.broker, finished, context.requestId);
    logger.warn({ error: failure }, 'training job failed');
  } finally {
    stopLease();
    context.signal.removeEventListener('abort', onOuterAbort);
  }
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
