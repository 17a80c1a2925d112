import { createServiceClient } from '@mlops/clients';
import {
  featureStoreRoutes,
  inferenceRoutes,
  registryRoutes,
  studyRoutes,
  trainingJobRoutes,
  type TrainingJob,
} from '@mlops/contracts';
import { topicCorpus, waitFor } from '@mlops/testing';
import { SERVED_MODEL, type SuiteAddresses } from './suite.js';

/** The task every document of the browser suite is labelled for. */
export const TASK = 'topic';
/** The dataset the models and the study train on. */
export const DATASET = 'browser-topics';
/** Documents imported without a label: the labelling queue the browser test works through. */
export const UNLABELLED = 24;
/** The model trained by the study. */
export const STUDY_MODEL = 'browser-study';

/** What the seed made, for the tests to look for on the pages. */
export interface Seeded {
  readonly servedModel: string;
  readonly datasetVersion: number;
  /** The finished training jobs of the served model, in version order. */
  readonly jobIds: readonly string[];
  readonly studyId: string;
}

/** A quick training config: the topic corpus learns in a few epochs. */
export function quickConfig(epochs: number, hidden = 16): Record<string, unknown> {
  return {
    featurizer: { wordNgrams: { buckets: 2048 } },
    model: { kind: 'mlp', hidden },
    optimization: { epochs, earlyStopping: null },
    data: { minRows: 20 },
  };
}

/** The suite's typed clients, as the admin. */
export function clientsFor(suite: SuiteAddresses) {
  const options = { apiKey: suite.adminKey };
  return {
    store: createServiceClient(featureStoreRoutes, { ...options, baseUrl: suite.urls['feature-store'] }),
    jobs: createServiceClient(trainingJobRoutes, { ...options, baseUrl: suite.urls['dl-trainer'] }),
    registry: createServiceClient(registryRoutes, { ...options, baseUrl: suite.urls['dl-trainer'] }),
    studies: createServiceClient(studyRoutes, { ...options, baseUrl: suite.urls['dl-trainer'] }),
    inference: createServiceClient(inferenceRoutes, { ...options, baseUrl: suite.urls.inference }),
  };
}

async function untilFinished(clients: ReturnType<typeof clientsFor>, id: string): Promise<TrainingJob> {
  const job = await waitFor(
    async () => {
      const current = await clients.jobs.get({ params: { id } });
      return ['succeeded', 'failed', 'cancelled'].includes(current.status) ? current : undefined;
    },
    300_000,
    500,
  );
  if (job.status !== 'succeeded') throw new Error(`training job ${id} ended ${job.status}: ${JSON.stringify(job)}`);
  return job;
}

/** Labelled documents of the corpus, then the unlabelled ones of the labelling queue; resolves once all are ready. */
async function ingest(clients: ReturnType<typeof clientsFor>): Promise<void> {
  const rows = topicCorpus(180 + UNLABELLED, 7);
  const labelled = rows.slice(0, 180).map((row) => ({ text: row.text, labels: { [TASK]: row.label } }));
  const unlabelled = rows.slice(180).map((row) => ({ text: `${row.text} (to label)` }));
  await clients.store.documents.upload({ body: { records: [...labelled, ...unlabelled] } });
  // A file the recognition cannot read: the documents page lists it as failed, with its reason and Retry.
  await clients.store.documents.upload({
    upload: {
      files: { filename: 'scan-broken.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 garbage') },
      encoding: 'multipart',
    },
  });
  await waitFor(async () => ((await readyCount(clients)) >= rows.length ? true : undefined), 240_000, 500);
}

/** Documents ready in feature-store, page by page. */
async function readyCount(clients: ReturnType<typeof clientsFor>): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await clients.store.documents.list({ query: { status: 'ready', limit: 200, cursor } });
    total += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

/** Trains `count` versions of the served model on the frozen dataset, one after the other being quick. */
async function trainServedVersions(clients: ReturnType<typeof clientsFor>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const job = await clients.jobs.submit({
      body: {
        modelName: SERVED_MODEL,
        task: TASK,
        dataset: { name: DATASET, version: 1 },
        seed: 42 + index,
        config: quickConfig(15 + 5 * index),
      },
    });
    await untilFinished(clients, job.id);
    ids.push(job.id);
  }
  return ids;
}

/** Production, canary and shadow on versions 1, 2 and 3; resolves once inference serves all three. */
async function serveThreeRoles(clients: ReturnType<typeof clientsFor>): Promise<void> {
  const roles = [
    ['production', 1],
    ['canary', 2],
    ['shadow', 3],
  ] as const;
  for (const [alias, version] of roles) {
    await clients.registry.aliases.put({
      params: { name: SERVED_MODEL, alias },
      body: { version, reason: `browser suite: ${alias} for the serving page` },
    });
  }
  await waitFor(
    async () => {
      const loaded = await clients.inference.models.list();
      const aliases = loaded.items.filter((item) => item.name === SERVED_MODEL).flatMap((item) => item.aliases);
      return roles.every(([alias]) => aliases.includes(alias)) ? true : undefined;
    },
    120_000,
    500,
  );
}

/** Texts per predict request of the seed's traffic. */
const TEXTS_PER_REQUEST = 5;

/** `requests` predict calls on both routes (and so the shadow), and feedback on every other prediction. */
async function sendTraffic(clients: ReturnType<typeof clientsFor>, requests: number, seed: number): Promise<void> {
  const rows = topicCorpus(requests * TEXTS_PER_REQUEST, seed);
  for (let index = 0; index < requests; index += 1) {
    const batch = rows.slice(index * TEXTS_PER_REQUEST, (index + 1) * TEXTS_PER_REQUEST);
    const answer = await clients.inference.predict(
      { params: { name: SERVED_MODEL }, body: { texts: batch.map((row) => row.text) } },
      { headers: { 'x-routing-key': `user-${seed}-${index}` } },
    );
    for (const [position, prediction] of answer.predictions.entries()) {
      const row = batch[position];
      if (!row || position % 2 === 1) continue;
      await waitFor(
        () =>
          clients.inference.monitoring.feedback({
            params: { id: prediction.id },
            body: { label: row.label, source: 'browser suite' },
          }),
        10_000,
        200,
      );
    }
  }
}

/**
 * A rollout of the shadow version whose stages need far more requests than the suite sends, so it
 * stays in its shadow stage with its guardrails measured but undecided (unless a guardrail such as
 * drift fails on the seed's traffic: the pages show whichever state inference reports).
 */
async function startRollout(clients: ReturnType<typeof clientsFor>): Promise<void> {
  await clients.inference.rollout.start({
    params: { name: SERVED_MODEL },
    body: {
      version: 3,
      reason: 'browser suite: a rollout for the serving page',
      stages: [
        { stage: 'shadow', minRequests: 1_000_000 },
        { stage: 'canary', share: 0.2, minRequests: 1_000_000 },
      ],
      guardrails: {
        maxErrorRate: 0.01,
        p99LatencyMs: { max: 2000 },
        drift: { failOn: 'drift' },
        liveAccuracy: { minFeedback: 20, maxDropFromProduction: 0.2 },
        agreement: { min: 0.3 },
      },
    },
  });
}

/** A three-trial study of two parameters on the same dataset, run to its end. */
async function runStudy(clients: ReturnType<typeof clientsFor>): Promise<string> {
  const study = await clients.studies.create({
    body: {
      name: 'browser study',
      base: { modelName: STUDY_MODEL, task: TASK, dataset: { name: DATASET, version: 1 }, config: quickConfig(3) },
      space: [
        {
          name: 'lr',
          pointer: '/optimization/learningRate',
          distribution: { kind: 'float', low: 1e-3, high: 0.3, log: true },
        },
        { name: 'hidden', pointer: '/model/hidden', distribution: { kind: 'int', low: 8, high: 32 } },
      ],
      budget: { trials: 4 },
      sampler: { kind: 'random' },
      parallelism: 2,
      seed: 3,
    },
  });
  await waitFor(
    async () => {
      const current = await clients.studies.get({ params: { id: study.id } });
      return current.status === 'running' ? undefined : current;
    },
    300_000,
    1000,
  );
  return study.id;
}

/**
 * Gives the pages something to show: the topic corpus ingested (and a labelling queue), a frozen
 * dataset version, three trained versions of the served model in production, canary and shadow
 * with traffic and feedback, and a finished study.
 */
export async function seedSuite(suite: SuiteAddresses): Promise<Seeded> {
  const clients = clientsFor(suite);
  await ingest(clients);
  await clients.store.datasets.create({ body: { name: DATASET, task: TASK } });
  const frozen = await clients.store.datasets.freeze({ params: { name: DATASET } });
  const [jobIds, studyId] = await Promise.all([trainServedVersions(clients, 3), runStudy(clients)]);
  await serveThreeRoles(clients);
  await sendTraffic(clients, 80, 99);
  await startRollout(clients);
  await sendTraffic(clients, 10, 101);
  return { servedModel: SERVED_MODEL, datasetVersion: frozen.version, jobIds, studyId };
}
