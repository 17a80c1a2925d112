import {
  PoolBusyError,
  WorkerDeadlineError,
  WorkerMemoryError,
  WorkerPool,
  WorkerTaskError,
  type WorkerPoolOptions,
} from '@mlops/runtime';
import type { FastifyReply } from 'fastify';
import type { NlpConfig } from '../config.js';
import { nlpErrors } from '../errors.js';
import type { NlpTask } from './nlp-task.js';

/** Where the routes send their work: a pool of worker threads, each request under a hard deadline. */
export interface NlpWork {
  /**
   * Takes a place (503 `NLP_BUSY` with Retry-After when none is left) and runs the task on a
   * worker; a task past `NLP_TIMEOUT_MS` answers 422 `NLP_TIMEOUT`, one past the heap limit 422
   * `NLP_MEMORY_LIMIT`, and its worker is replaced.
   */
  run<T>(task: NlpTask, reply: FastifyReply): Promise<T>;
  close(): Promise<void>;
}

const module = new URL('./nlp-tasks.worker.js', import.meta.url);

function mapped(error: unknown, config: NlpConfig['workers']): unknown {
  if (error instanceof WorkerDeadlineError) {
    return nlpErrors.timeout(
      `the texts took more than NLP_TIMEOUT_MS (${config.timeoutMs} ms) to process; the work was stopped`,
    );
  }
  if (error instanceof WorkerMemoryError) {
    return nlpErrors.memoryLimit(
      `processing the texts needed more than NLP_WORKER_MEMORY_MB (${config.memoryLimitMb} MB); the work was stopped`,
    );
  }
  if (error instanceof WorkerTaskError) return new Error(error.failure.message, { cause: error });
  return error;
}

/** Starts nlp's worker pool (workers start on first use) with the language settings every worker loads. */
export function createNlpWork(
  config: Pick<NlpConfig, 'workers' | 'language'>,
  logger: WorkerPoolOptions['logger'],
): NlpWork {
  const { workers } = config;
  const pool = new WorkerPool<NlpTask, unknown>({
    name: 'nlp-workers',
    module,
    size: workers.size,
    queueLimit: workers.queueLimit,
    memoryLimitMb: workers.memoryLimitMb,
    logger,
    workerData: { language: config.language },
  });
  return {
    async run<T>(task: NlpTask, reply: FastifyReply) {
      try {
        return (await pool.run(task, { deadlineMs: workers.timeoutMs })) as T;
      } catch (error) {
        if (error instanceof PoolBusyError) {
          void reply.header('retry-after', String(workers.retryAfterSeconds));
          throw nlpErrors.busy(
            `all ${error.capacity} places (NLP_WORKERS + NLP_QUEUE_LIMIT) are taken; try again in ${workers.retryAfterSeconds} s`,
          );
        }
        throw mapped(error, workers);
      }
    },
    close: () => pool.close(),
  };
}
