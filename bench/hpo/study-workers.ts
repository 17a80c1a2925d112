/**
 * Wall time of a whole study through the real dl-trainer (its HTTP route, study driver and loop,
 * training-job queue on RabbitMQ, state in MongoDB) on 1 and on 2 training workers of one process.
 * Only the training executor is the bench's: it trains the job's config with libs/ml
 * `trainSparseBag` on a corpus objective (a fresh one per study) and writes the run as the
 * pipeline does, instead of reading a dataset from the feature store.
 */
import { loadavg } from 'node:os';
import type { Study } from '@mlops/contracts';
import type { Assignment } from '@mlops/ml';
import { createTestEnvironment, testKeyVerifier, waitFor, withTestKey } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { buildApp } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import { TrainingRunRepository } from '../../services/dl-trainer/src/registry/training-run.repository.js';
import type { TrainingExecutor } from '../../services/dl-trainer/src/training-jobs/training-executor.js';
import type { TrainingJobDocument } from '../../services/dl-trainer/src/training-jobs/training-job.repository.js';
import { infrastructure } from '../lib/infra.js';
import type { CorpusObjective } from './corpus-objective.js';
import { TRAINING_SPACE } from './training-objective.js';

/** One measured study. */
export interface WorkersRun {
  readonly workers: number;
  readonly trials: number;
  readonly status: string;
  readonly wallSeconds: number;
  /** Seconds spent inside trainings (summed over trials, overlapping ones both counted). */
  readonly trainingSeconds: number;
  readonly best: number | null;
  readonly loadAverage: { before: number[]; after: number[] };
}

function paramsOf(config: Record<string, unknown>): Assignment {
  const optimization = config.optimization as { learningRate: number; batchSize: number };
  const model = config.model as { kind: string; hidden?: number };
  return {
    lr: optimization.learningRate,
    batch: optimization.batchSize,
    kind: model.kind,
    ...(model.kind === 'mlp' && model.hidden !== undefined ? { hidden: model.hidden } : {}),
  };
}

/**
 * Runs one `trials`-trial TPE study (seed 1, the corpus space over a linear base config) with `workers` training workers and parallelism
 * `workers` on a fresh dl-trainer app, from the POST to the study's end, polling every 100 ms.
 */
export async function measureStudyWallTime(
  makeObjective: () => CorpusObjective,
  trials: number,
  workers: number,
): Promise<WorkersRun> {
  if (!process.env.MONGO_URL || !process.env.AMQP_URL) Object.assign(process.env, infrastructure());
  const environment = await createTestEnvironment(`bench hpo ${workers} workers`);
  const mongo = await MongoClient.connect(environment.env.MONGO_URL ?? '');
  const objective = makeObjective();
  const runs = new TrainingRunRepository(mongo.db(environment.env.MONGO_DB));
  const executor: TrainingExecutor = {
    execute: async (job: TrainingJobDocument) => {
      const value = await objective.evaluate(paramsOf(job.request.config));
      const now = new Date();
      await runs.insert({
        _id: job._id,
        jobId: job._id,
        modelName: job.request.modelName,
        status: 'succeeded',
        configJson: JSON.stringify(job.request.config),
        epochs: { '1': { metrics: { validationMacroF1: value }, at: now } },
        evaluationJson: JSON.stringify({ bestEpoch: 1 }),
        environment: {} as never,
        codeVersion: 'bench',
        startedAt: now,
        finishedAt: now,
        phasesMs: {},
        attempts: 1,
        createdAt: now,
        updatedAt: now,
      });
    },
  };
  const config = loadDlTrainerConfig({
    ...environment.env,
    SHUTDOWN_TIMEOUT_MS: '500',
    TRAINING_WORKERS: String(workers),
    STUDY_POLL_MS: '100',
  });
  const app = withTestKey(await buildApp(config, { executor, keyVerifier: testKeyVerifier }));
  try {
    const before = loadavg();
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/studies',
      payload: {
        base: {
          modelName: 'bench-hpo',
          task: 'bench',
          dataset: { name: objective.corpus, version: 1 },
          config: { model: { kind: 'linear' }, optimization: { epochs: 8, earlyStopping: null } },
        },
        space: TRAINING_SPACE,
        budget: { trials },
        parallelism: workers,
        seed: 1,
      },
    });
    if (response.statusCode !== 201) throw new Error(`study not created: ${response.body}`);
    const id = response.json<Study>().id;
    const study = await waitFor(async () => {
      const current = (await app.inject({ method: 'GET', url: `/v1/studies/${id}` })).json<Study>();
      return current.status === 'running' ? undefined : current;
    }, 600_000);
    const values = study.trialTable.map((t) => t.value).filter((v): v is number => typeof v === 'number');
    return {
      workers,
      trials: study.trialTable.length,
      status: study.status,
      wallSeconds: (performance.now() - started) / 1000,
      trainingSeconds: objective.trainingSeconds(),
      best: values.length > 0 ? Math.max(...values) : null,
      loadAverage: { before, after: loadavg() },
    };
  } finally {
    await app.close();
    await mongo.close();
    await environment.dispose();
  }
}
