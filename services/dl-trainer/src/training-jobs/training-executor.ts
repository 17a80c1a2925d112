import type { Logger } from '@mlops/logger';
import type { TrainingJobDocument } from './training-job.repository.js';

/** What an executor gets besides the job: a logger carrying the job id and a signal to stop early. */
export interface ExecutionContext {
  readonly logger: Logger;
  /** Aborted when the worker loses the job (its message will be redelivered elsewhere) or shuts down hard. */
  readonly signal: AbortSignal;
}

/** A failure that retrying cannot fix (missing dataset, invalid config): the job ends `failed` at once. */
export class TrainingJobFailure extends Error {
  override readonly name = 'TrainingJobFailure';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Code of the failure that ends a job `cancelled` rather than `failed`. */
export const TRAINING_CANCELLED = 'TRAINING_CANCELLED';

/** Runs the work of one training job. Resolving means success; any other error is retried. */
export interface TrainingExecutor {
  execute(job: TrainingJobDocument, context: ExecutionContext): Promise<void>;
}
