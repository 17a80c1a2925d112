import type { RecognitionResult } from '@mlops/contracts';
import {
  PoolBusyError,
  WorkerDeadlineError,
  WorkerMemoryError,
  WorkerPool,
  WorkerTaskError,
  type Admission,
  type CallAnswer,
  type WorkerPoolOptions,
} from '@mlops/runtime';
import type { FastifyReply } from 'fastify';
import type { ExtractionWorkersConfig, RecognitionLimits } from '../config.js';
import { recognitionErrors } from '../errors.js';
import type { OcrPool } from '../ocr/ocr-pool.js';
import type { OfficeConverter } from '../office/converter.js';
import type { ExtractInput } from './extract-document.usecase.js';
import {
  ownBuffer,
  type ExtractionCall,
  type ExtractionLogLine,
  type ExtractionTask,
  type ExtractionWorkerData,
} from './extraction-messages.js';
import type { ExtractionLogger } from './extraction.js';
import { reviveError } from './revive-error.js';

/** Time the worker has past RECOGNITION_TIMEOUT_MS to stop by itself before it is terminated. */
const GRACE_MS = 2000;

const module = new URL('./extraction.worker.js', import.meta.url);

/** An admitted place for one upload, taken before its body is read. */
export type ExtractionAdmission = Admission<ExtractionTask, RecognitionResult>;

/** Where uploads are extracted: a bounded pool of worker threads, each file under a hard deadline and a heap limit. */
export interface ExtractionWork {
  /** Takes a place for one upload, or throws 503 `RECOGNITION_BUSY` (Retry-After set on `reply`). */
  admit(reply: FastifyReply): ExtractionAdmission;
  /** Extracts one file on a worker with an admitted place. */
  run(admission: ExtractionAdmission, input: ExtractInput, logger: ExtractionLogger): Promise<RecognitionResult>;
  close(): Promise<void>;
}

/** The long-lived parts the workers lean on. */
export interface ExtractionWorkDeps {
  readonly limits: RecognitionLimits;
  readonly workers: ExtractionWorkersConfig;
  readonly ocr: OcrPool;
  readonly converter: OfficeConverter;
  readonly logger: WorkerPoolOptions['logger'];
}

async function answerCall(call: ExtractionCall, deps: ExtractionWorkDeps, signal: AbortSignal): Promise<CallAnswer> {
  if (call.op === 'ocr') return { value: await deps.ocr.recognize(Buffer.from(call.image), signal) };
  const pdf = ownBuffer(await deps.converter.toPdf(Buffer.from(call.bytes), call.extension, signal));
  return { value: pdf, transfer: [pdf] };
}

function mapped(error: unknown, deps: ExtractionWorkDeps): unknown {
  if (error instanceof WorkerTaskError) return reviveError(error.failure);
  if (error instanceof WorkerDeadlineError) {
    return recognitionErrors.timeout(
      `the extraction took more than RECOGNITION_TIMEOUT_MS (${deps.limits.timeoutMs} ms); its worker was terminated`,
    );
  }
  if (error instanceof WorkerMemoryError) {
    return recognitionErrors.memoryLimit(
      `the extraction needed more than RECOGNITION_WORKER_MEMORY_MB (${deps.workers.memoryLimitMb} MB); its worker was stopped`,
    );
  }
  return error;
}

/**
 * Starts the extraction pool (RECOGNITION_WORKERS threads, started on first use, and
 * RECOGNITION_QUEUE_LIMIT waiting places). Extraction runs on the workers with its own soft
 * deadline; RECOGNITION_TIMEOUT_MS plus a grace later the worker is terminated whatever it does.
 */
export function createExtractionWork(deps: ExtractionWorkDeps): ExtractionWork {
  const { workers } = deps;
  const workerData: ExtractionWorkerData = { limits: deps.limits };
  const pool = new WorkerPool<ExtractionTask, RecognitionResult>({
    name: 'extraction-workers',
    module,
    size: workers.size,
    queueLimit: workers.queueLimit,
    memoryLimitMb: workers.memoryLimitMb,
    logger: deps.logger,
    workerData,
  });
  return {
    admit(reply) {
      try {
        return pool.admit();
      } catch (error) {
        if (!(error instanceof PoolBusyError)) throw error;
        void reply.header('retry-after', String(workers.retryAfterSeconds));
        throw recognitionErrors.busy(
          `all ${error.capacity} places (RECOGNITION_WORKERS + RECOGNITION_QUEUE_LIMIT) are taken; try again in ${workers.retryAfterSeconds} s`,
        );
      }
    },
    async run(admission, input, logger) {
      const bytes = ownBuffer(input.bytes);
      try {
        return await admission.run(
          { bytes, declared: input.declared },
          {
            deadlineMs: deps.limits.timeoutMs + GRACE_MS,
            transfer: [bytes],
            onCall: (call, signal) => answerCall(call as ExtractionCall, deps, signal),
            onEvent: (event) => {
              const line = event as ExtractionLogLine;
              logger[line.level](line.details, line.message);
            },
          },
        );
      } catch (error) {
        throw mapped(error, deps);
      }
    },
    close: () => pool.close(),
  };
}
