import {
  epochMetricsSchema,
  modelMetricsSchema,
  modelNameSchema,
  type ModelMetrics,
  type TrainingRun,
} from '@mlops/contracts';
import { parseOrThrow } from '@mlops/http';
import { isDuplicateKeyError } from '@mlops/mongo';
import { z } from 'zod';
import type { ModelRegistry } from './model-registry.js';
import { registryErrors } from '../errors.js';
import { runEnvironment } from './run-environment.js';
import { toTrainingRun, type TrainingRunDocument } from './training-run.repository.js';

/** What the trainer knows when a run starts. */
export interface StartRunInput {
  /** Stable across redeliveries of the job (the job id, or `<jobId>:trial-<n>` in a study). */
  readonly runId: string;
  readonly jobId: string;
  readonly modelName: string;
  /** The resolved TrainingConfig (defaults applied), as JSON. */
  readonly config: unknown;
  /** The compute backend in use (`wasm`, `cpu`, `tensorflow` ...). */
  readonly backend: string;
}

/** How a run ended. */
export type FinishRunInput =
  | {
      readonly status: 'succeeded';
      readonly evaluation?: ModelMetrics;
      readonly modelVersion?: { readonly name: string; readonly version: number };
      readonly phasesMs?: Readonly<Record<string, number>>;
    }
  | {
      readonly status: 'failed';
      readonly error: { readonly code: string; readonly message: string };
      readonly evaluation?: ModelMetrics;
      readonly phasesMs?: Readonly<Record<string, number>>;
    };

const runIdSchema = z.string().min(1).max(128);
const phaseSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/), z.number().min(0));
const startSchema = z.object({
  runId: runIdSchema,
  jobId: z.string().min(1).max(128),
  modelName: modelNameSchema,
  config: z.json(),
  backend: z.string().min(1).max(64),
});

async function requireRun(registry: ModelRegistry, runId: string): Promise<TrainingRun> {
  const run = await registry.runs.findById(runId);
  if (!run) throw registryErrors.runNotFound(`no training run ${runId}`);
  return toTrainingRun(run);
}

/**
 * Starts a run, or resumes it when the job was redelivered: the existing run goes back to
 * `running` with one more attempt, keeps its epochs (recorded again epoch by epoch, replacing
 * the old ones) and records the environment and code version of this process.
 */
export async function startRun(registry: ModelRegistry, input: StartRunInput): Promise<TrainingRun> {
  const checked = parseOrThrow(startSchema, input, '/input', registryErrors.runInvalid);
  const now = new Date();
  const environment = runEnvironment(checked.backend);
  const doc: TrainingRunDocument = {
    _id: checked.runId,
    jobId: checked.jobId,
    modelName: checked.modelName,
    status: 'running',
    configJson: JSON.stringify(checked.config),
    epochs: {},
    environment,
    codeVersion: registry.codeVersion,
    startedAt: now,
    phasesMs: {},
    attempts: 1,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await registry.runs.insert(doc);
    return toTrainingRun(doc);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const existing = await requireRun(registry, checked.runId);
  if (existing.jobId !== checked.jobId || existing.modelName !== checked.modelName)
    throw registryErrors.runConflict(
      `run ${checked.runId} belongs to job ${existing.jobId} of model ${existing.modelName}`,
    );
  await registry.runs.update(checked.runId, {
    $set: {
      status: 'running',
      configJson: doc.configJson,
      environment,
      codeVersion: registry.codeVersion,
      updatedAt: now,
    },
    $unset: { finishedAt: '', error: '' },
    $inc: { attempts: 1 },
  });
  return requireRun(registry, checked.runId);
}

/** Records the metrics of one epoch; recording the same epoch again replaces it. */
export async function recordEpoch(
  registry: ModelRegistry,
  runId: string,
  epoch: number,
  metrics: Readonly<Record<string, number>>,
): Promise<void> {
  const checkedEpoch = parseOrThrow(
    z.number().int().min(0).max(1_000_000),
    epoch,
    '/input/epoch',
    registryErrors.runInvalid,
  );
  const checked = parseOrThrow(epochMetricsSchema, metrics, '/input/metrics', registryErrors.runInvalid);
  const now = new Date();
  const found = await registry.runs.update(runId, {
    $set: { [`epochs.${checkedEpoch}`]: { metrics: checked, at: now }, updatedAt: now },
  });
  if (!found) throw registryErrors.runNotFound(`no training run ${runId}`);
}

/** Records how long a phase took (`load`, `fit`, `evaluate`, `export` ...); again replaces. */
export async function recordPhase(registry: ModelRegistry, runId: string, phase: string, ms: number): Promise<void> {
  const checked = parseOrThrow(phaseSchema, { [phase]: ms }, '/input/phasesMs', registryErrors.runInvalid);
  const now = new Date();
  const found = await registry.runs.update(runId, {
    $set: {
      ...Object.fromEntries(Object.entries(checked).map(([key, value]) => [`phasesMs.${key}`, value])),
      updatedAt: now,
    },
  });
  if (!found) throw registryErrors.runNotFound(`no training run ${runId}`);
}

/** Ends a run with its outcome, final evaluation and the model version it registered. */
export async function finishRun(registry: ModelRegistry, runId: string, outcome: FinishRunInput): Promise<TrainingRun> {
  const evaluation =
    outcome.evaluation === undefined
      ? undefined
      : parseOrThrow(modelMetricsSchema, outcome.evaluation, '/input/evaluation', registryErrors.runInvalid);
  const phases = parseOrThrow(phaseSchema, outcome.phasesMs ?? {}, '/input/phasesMs', registryErrors.runInvalid);
  const now = new Date();
  const found = await registry.runs.update(runId, {
    $set: {
      status: outcome.status,
      finishedAt: now,
      updatedAt: now,
      ...Object.fromEntries(Object.entries(phases).map(([key, value]) => [`phasesMs.${key}`, value])),
      ...(evaluation === undefined ? {} : { evaluationJson: JSON.stringify(evaluation) }),
      ...(outcome.status === 'succeeded' && outcome.modelVersion ? { modelVersion: outcome.modelVersion } : {}),
      ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
    },
  });
  if (!found) throw registryErrors.runNotFound(`no training run ${runId}`);
  return requireRun(registry, runId);
}
