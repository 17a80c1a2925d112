import type { datasetRefSchema, TrainingJobRequest } from '@mlops/contracts';
import type { z } from 'zod';
import { trainingOptionsSchema, type TrainingOptions } from './training-options.js';

/**
 * A fully resolved training config: what to train (model name, task, frozen dataset version,
 * seed) and how (`TrainingOptions`). Every run stores it as parsed, defaults included.
 */
export interface TrainingConfig extends TrainingOptions {
  readonly modelName: string;
  readonly task: string;
  readonly dataset: z.output<typeof datasetRefSchema>;
  readonly seed: number;
}

/** Raised for a config that does not parse; `issues` name the fields (zod paths under `config`). */
export class TrainingConfigError extends Error {
  override readonly name = 'TrainingConfigError';

  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(
      `invalid training config: ${issues.map((issue) => `config.${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
}

/**
 * Resolves a training request into its frozen config: parses `config` with every default
 * applied, rejects unknown keys, and deep-freezes the result.
 */
export function resolveTrainingConfig(
  request: Pick<TrainingJobRequest, 'modelName' | 'task' | 'dataset' | 'seed' | 'config'>,
): TrainingConfig {
  const parsed = trainingOptionsSchema.safeParse(request.config);
  if (!parsed.success) throw new TrainingConfigError(parsed.error.issues);
  return deepFreeze({
    modelName: request.modelName,
    task: request.task,
    dataset: { ...request.dataset },
    seed: request.seed,
    ...parsed.data,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
