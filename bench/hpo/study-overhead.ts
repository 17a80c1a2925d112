/**
 * What the study machinery costs per trial besides the training itself, measured with the
 * dl-trainer's own pieces: the study's default sampler (`samplerFor` of the default spec: TPE,
 * multivariate, constant liar) over the stored history, the config overrides and their validation,
 * and the two compare-and-set writes of a trial (started, then finished) plus the `running()` read
 * of a driver tick, through `StudyRepository` against the bench's MongoDB. Not included: the
 * training job's own submission and messages (RabbitMQ) and the driver's polling interval.
 */
import { randomUUID } from 'node:crypto';
import { samplerSpecSchema } from '@mlops/contracts';
import { applyOverrides, samplerFor, trainingOptionsSchema } from '@mlops/ml';
import { MongoClient } from 'mongodb';
import {
  StudyRepository,
  type StoredTrial,
  type StudyDocument,
} from '../../services/dl-trainer/src/studies/study.repository.js';
import { toTrialRecord } from '../../services/dl-trainer/src/studies/study-view.js';
import { infrastructure } from '../lib/infra.js';
import type { CorpusObjective } from './corpus-objective.js';
import { TRAINING_SPACE } from './training-objective.js';

const BASE = { model: { kind: 'linear' }, optimization: { epochs: 8, earlyStopping: null } };

/** Milliseconds per trial of one simulated study, by part. */
export interface StudyOverhead {
  readonly trials: number;
  readonly samplerMs: number;
  readonly overridesMs: number;
  readonly storageMs: number;
  readonly trainingMs: number;
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Runs `trials` trials of a one-worker study the way the driver steps it (suggest from the stored
 * history, validate the overridden config, commit the running trial, train, commit the result),
 * timing each part; the training is a bare `trainSparseBag` of the same config (the objective).
 */
export async function measureStudyOverhead(
  objective: CorpusObjective,
  trials: number,
  seed: number,
): Promise<StudyOverhead> {
  const client = await MongoClient.connect(process.env.MONGO_URL ?? infrastructure().MONGO_URL ?? '');
  const db = client.db(`bench-hpo-${randomUUID().slice(0, 8)}`);
  try {
    const studies = new StudyRepository(db);
    const sampler = samplerFor(samplerSpecSchema.parse(undefined));
    const now = new Date();
    let doc: StudyDocument = {
      _id: randomUUID(),
      modelName: 'bench-hpo',
      status: 'running',
      requestJson: JSON.stringify({ space: TRAINING_SPACE, seed }),
      trials: [],
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    await studies.insert(doc);
    const parts = {
      sampler: [] as number[],
      overrides: [] as number[],
      storage: [] as number[],
      training: [] as number[],
    };
    const commit = async (changes: Partial<StudyDocument>): Promise<void> => {
      const started = performance.now();
      const next = await studies.commit(doc, changes);
      await studies.running();
      if (!next) throw new Error('lost a compare-and-set race with nobody');
      doc = next;
      parts.storage.push(performance.now() - started);
    };
    for (let number = 0; number < trials; number++) {
      let started = performance.now();
      const params = sampler({
        space: TRAINING_SPACE,
        seed,
        direction: 'maximize',
        history: doc.trials.map(toTrialRecord),
        trialNumber: number,
      });
      parts.sampler.push(performance.now() - started);
      started = performance.now();
      const config = trainingOptionsSchema.parse(applyOverrides(BASE, TRAINING_SPACE, params));
      parts.overrides.push(performance.now() - started);
      const trial: StoredTrial = {
        number,
        jobId: randomUUID(),
        state: 'running',
        paramsJson: JSON.stringify(params),
        configJson: JSON.stringify(config),
        intermediate: [],
        startedAt: new Date(),
      };
      await commit({ trials: [...doc.trials, trial] });
      const trainings = objective.trainingSeconds();
      const value = await objective.evaluate(params);
      parts.training.push((objective.trainingSeconds() - trainings) * 1000);
      const finished: StoredTrial = {
        ...trial,
        state: 'complete',
        value,
        intermediate: Array.from({ length: 8 }, (_, i) => ({ epoch: i + 1, value })),
        finishedAt: new Date(),
      };
      await commit({ trials: doc.trials.map((t) => (t.number === number ? finished : t)) });
    }
    return {
      trials,
      samplerMs: mean(parts.sampler),
      overridesMs: mean(parts.overrides),
      storageMs: mean(parts.storage) * 2,
      trainingMs: mean(parts.training.filter((ms) => ms > 0)),
    };
  } finally {
    await db.dropDatabase();
    await client.close();
  }
}
