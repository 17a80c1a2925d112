import { multipartBody, waitFor } from '@mlops/testing';
import { readWordnetNounGlosses, sampleByClass, toImportLines } from '../../../tools/corpora/wordnet-glosses.js';
import { AUTHORIZATION, type RunningService } from './service-fleet.js';

const LEXNAMES = ['noun.animal', 'noun.food', 'noun.artifact', 'noun.person'];

/** A training job as dl-trainer shows it. */
export interface Job {
  readonly id: string;
  readonly status: string;
  readonly attempts: number;
}

/** Imports 12 WordNet glosses of each of four lexnames, waits until they are ready, and freezes them as `dataset` version 1. */
export async function prepareDataset(store: RunningService, dataset: string): Promise<void> {
  const glosses = sampleByClass(readWordnetNounGlosses(), 12).filter((gloss) => LEXNAMES.includes(gloss.lexname));
  const body = multipartBody([
    { filename: 'glosses.jsonl', contentType: 'application/x-ndjson', bytes: Buffer.from(toImportLines(glosses)) },
  ]);
  const imported = await fetch(`${store.baseUrl}/v1/imports`, {
    method: 'POST',
    headers: { ...body.headers, ...AUTHORIZATION },
    body: body.payload,
  });
  if (!imported.ok) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
  await waitFor(
    async () => {
      const listed = await store.json<{ items: unknown[] }>('/v1/documents?task=lexname&status=ready&limit=200');
      return listed.body.items.length === glosses.length ? true : undefined;
    },
    120_000,
    500,
  );
  await store.json('/v1/datasets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: dataset, task: 'lexname' }),
  });
  const frozen = await store.json(`/v1/datasets/${dataset}/versions`, { method: 'POST' });
  if (frozen.status !== 201) throw new Error(`freezing ${dataset} answered ${frozen.status}`);
}

/** Submits a tiny training job (a small MLP, `epochs` epochs, a checkpoint after each) for `modelName`. */
export async function submitJob(
  trainer: RunningService,
  dataset: string,
  modelName: string,
  epochs: number,
): Promise<Job> {
  const submitted = await trainer.json<Job>('/v1/training-jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      modelName,
      task: 'lexname',
      dataset: { name: dataset, version: 1 },
      config: {
        featurizer: { wordNgrams: { buckets: 2048 } },
        model: { kind: 'mlp', hidden: 8 },
        optimization: { epochs, earlyStopping: null },
        data: { minRows: 20 },
      },
    }),
  });
  if (submitted.status !== 202) throw new Error(`submitting a job answered ${submitted.status}`);
  return submitted.body;
}

/** Waits until the job's run has recorded at least `epochs` epochs (it is training now). */
export async function untilTraining(trainer: RunningService, jobId: string, epochs = 2): Promise<void> {
  await waitFor(
    async () => {
      const run = await trainer.json<{ epochs?: unknown[] }>(`/v1/runs/${jobId}`).catch(() => undefined);
      return run?.status === 200 && (run.body.epochs?.length ?? 0) >= epochs ? true : undefined;
    },
    180_000,
    200,
  );
}

/** Waits until every job has finished (succeeded, failed or cancelled); returns them. */
export async function untilFinished(trainer: RunningService, jobIds: readonly string[]): Promise<Job[]> {
  return waitFor(
    async () => {
      const jobs = await Promise.all(
        jobIds.map(async (id) => (await trainer.json<Job>(`/v1/training-jobs/${id}`)).body),
      );
      return jobs.every((job) => ['succeeded', 'failed', 'cancelled'].includes(job.status)) ? jobs : undefined;
    },
    300_000,
    500,
  );
}

/** How many versions the registry holds of `modelName`. */
export async function versionCount(trainer: RunningService, modelName: string): Promise<number> {
  const listed = await trainer.json<{ items?: unknown[] }>(`/v1/models/${modelName}/versions`);
  return listed.status === 200 ? (listed.body.items?.length ?? 0) : 0;
}
