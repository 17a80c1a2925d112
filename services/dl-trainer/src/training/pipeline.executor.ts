import { createHash } from 'node:crypto';
import { EVENTS, trainingProgressEventSchema } from '@mlops/contracts';
import type { Broker } from '@mlops/messaging';
import {
  resolveTrainingConfig,
  runTrainingPipeline,
  TrainingConfigError,
  TrainingPipelineError,
  useBackend,
  type BackendPreference,
  type EpochRecord,
  type TrainingConfig,
} from '@mlops/ml';
import {
  finishRun,
  metricsSummary,
  recordEpoch,
  recordTestPredictions,
  registerModelVersion,
  startRun,
  type ModelRegistry,
} from '../registry/index.js';
import {
  TRAINING_CANCELLED,
  TrainingJobFailure,
  type ExecutionContext,
  type TrainingExecutor,
} from '../training-jobs/training-executor.js';
import type { TrainingJobDocument } from '../training-jobs/training-job.repository.js';
import type { CheckpointStore } from './checkpoint.store.js';
import type { DatasetClient } from './dataset.client.js';
import { checkExportedModel } from '@mlops/model-runtime';

/** What the pipeline executor works with. */
export interface PipelineExecutorDeps {
  readonly datasets: DatasetClient;
  readonly checkpoints: CheckpointStore;
  readonly registry: ModelRegistry;
  readonly broker: Broker;
  readonly backend: BackendPreference;
  /** Least time between two checkpoints of a job; the last epoch before a stop is always kept by the next one. */
  readonly checkpointIntervalMs: number;
  /** True when the job's cancellation was requested; checked after every epoch. */
  readonly cancelRequested: (jobId: string) => Promise<boolean>;
}

/** Raised out of the pipeline when the job was cancelled between two epochs. */
export class TrainingCancelled extends TrainingJobFailure {
  constructor(jobId: string) {
    super(TRAINING_CANCELLED, `training job ${jobId} was cancelled`);
  }
}

/**
 * The executor that trains: resolves the job's config, reads the frozen dataset version from the
 * feature-store, resumes from the job's newest intact checkpoint, runs the libs/ml pipeline
 * (checkpointing, recording and announcing every epoch), and registers the model folder once per
 * job (the job id is the registration key, so a redelivered job cannot add a second version).
 */
export function createPipelineExecutor(deps: PipelineExecutorDeps): TrainingExecutor {
  return {
    async execute(job, context) {
      const config = resolveConfig(job);
      const backend = await useBackend(deps.backend);
      const { contentHash, records } = await deps.datasets.records(
        config.dataset.name,
        config.dataset.version,
        context.signal,
      );
      const fingerprint = createHash('sha256').update(JSON.stringify(config)).update(contentHash).digest('hex');
      const resumeFrom = await deps.checkpoints.latest(job._id, fingerprint);
      if (resumeFrom) context.logger.info({ epoch: resumeFrom.epoch }, 'resuming from checkpoint');
      await startRun(deps.registry, { runId: job._id, jobId: job._id, modelName: config.modelName, config, backend });
      let lastCheckpointAt = Date.now();
      let result;
      try {
        result = await runTrainingPipeline({
          config,
          rows: records.map((record) => ({
            id: record.documentId,
            text: record.text,
            label: record.label,
            textSha256: record.textSha256,
            language: record.language,
          })),
          datasetContentHash: contentHash,
          checkExported: checkExportedModel,
          exportedRuntime: 'onnxruntime-node',
          lineage: { jobId: job._id, runId: job._id, codeVersion: deps.registry.codeVersion },
          backend: deps.backend,
          resumeFrom,
          signal: context.signal,
          onEpoch: async (record, checkpoint) => {
            if (Date.now() - lastCheckpointAt >= deps.checkpointIntervalMs) {
              await deps.checkpoints.save(job._id, fingerprint, checkpoint);
              lastCheckpointAt = Date.now();
            }
            await recordEpoch(deps.registry, job._id, record.epoch, epochMetrics(record));
            await publishProgress(deps.broker, job, config, record, checkpoint.curve);
            if (await deps.cancelRequested(job._id)) throw new TrainingCancelled(job._id);
            return 'continue' as const;
          },
        });
      } catch (error) {
        await failRun(deps, job, error, context);
        if (error instanceof TrainingPipelineError) throw new TrainingJobFailure(error.code, error.message);
        throw error;
      }
      await recordTestPredictions(deps.registry, job._id, result.testPredictions);
      const version = await registerModelVersion(deps.registry, {
        name: config.modelName,
        files: result.files.map((file) => ({ path: file.path, content: Buffer.from(file.content) })),
        lineage: {
          datasetName: config.dataset.name,
          datasetVersion: config.dataset.version,
          datasetContentHash: contentHash,
          runId: job._id,
          ...(job.request.study ? { study: job.request.study } : {}),
        },
        labels: result.manifest.labels,
        metrics: metricsSummary(result.manifest),
        runId: job._id,
        createdBy: job.request.requestedBy ?? 'dl-trainer',
        idempotencyKey: job._id,
      });
      await finishRun(deps.registry, job._id, {
        status: 'succeeded',
        evaluation: metricsSummary(result.manifest),
        modelVersion: { name: version.name, version: version.version },
        phasesMs: Object.fromEntries(
          Object.entries(result.manifest.timings).map(([phase, seconds]) => [phase, seconds * 1000]),
        ),
      });
      await deps.checkpoints.clear(job._id);
      context.logger.info(
        { model: version.name, version: version.version, macroF1: result.manifest.metrics.test.macroF1 },
        'model version registered',
      );
    },
  };
}

function resolveConfig(job: TrainingJobDocument): TrainingConfig {
  try {
    return resolveTrainingConfig(job.request);
  } catch (error) {
    if (error instanceof TrainingConfigError) throw new TrainingJobFailure('TRAINING_CONFIG_INVALID', error.message);
    throw error;
  }
}

async function failRun(
  deps: PipelineExecutorDeps,
  job: TrainingJobDocument,
  error: unknown,
  context: ExecutionContext,
): Promise<void> {
  if (context.signal.aborted) return;
  const final = error instanceof TrainingPipelineError || error instanceof TrainingJobFailure;
  if (!final) return;
  await finishRun(deps.registry, job._id, {
    status: 'failed',
    error: { code: error.code, message: error.message },
  }).catch((failure: unknown) => {
    context.logger.warn({ err: failure }, 'could not record the failed run');
  });
}

function epochMetrics(record: EpochRecord): Record<string, number> {
  const { epoch: _epoch, ...metrics } = record;
  return metrics;
}

async function publishProgress(
  broker: Broker,
  job: TrainingJobDocument,
  config: TrainingConfig,
  record: EpochRecord,
  curve: readonly EpochRecord[],
): Promise<void> {
  const meanSeconds = curve.reduce((sum, point) => sum + point.seconds, 0) / Math.max(1, curve.length);
  const epochs = config.optimization.epochs;
  await broker.publishEvent(
    EVENTS.trainingProgress,
    trainingProgressEventSchema,
    {
      jobId: job._id,
      modelName: config.modelName,
      epoch: record.epoch,
      epochs,
      trainLoss: record.trainLoss,
      validationLoss: record.validationLoss,
      validationMacroF1: record.validationMacroF1,
      validationAccuracy: record.validationAccuracy,
      learningRate: record.learningRate,
      epochSeconds: record.seconds,
      etaSeconds: Math.max(0, epochs - record.epoch) * meanSeconds,
      ...(job.request.study ? { studyId: job.request.study.id, trialNumber: job.request.study.trialNumber } : {}),
    },
    { messageId: `${job._id}:progress:${record.epoch}` },
  );
}
