import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { folderChecksum } from '@mlops/clients';
import {
  featureStoreRoutes,
  REGISTRY_ERRORS,
  registryRoutes,
  trainingJobRoutes,
  type DatasetRecord,
  type ModelVersion,
  type TrainingJob,
  type TrainingRun,
  type modelReportSchema,
} from '@mlops/contracts';
import { testKeyVerifier } from '@mlops/testing';
import { callerOf, createHttpApp, defineError, defineErrors, registerRoute, type HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import type { z } from 'zod';

const registryErrors = defineErrors(REGISTRY_ERRORS);
const jobNotFound = defineError('TRAINING_JOB_NOT_FOUND', 404, 'Training job not found');
const datasetNotFound = defineError('DATASET_NOT_FOUND', 404, 'Dataset not found');
const unavailable = defineError('STAND_IN_UNAVAILABLE', 503, 'Stand-in made unavailable by the test');

type ModelReport = z.infer<typeof modelReportSchema>;

const sha256 = (content: Uint8Array | string): string => createHash('sha256').update(content).digest('hex');

/** How a version was registered: by a training job (with its dataset), or imported. */
export interface VersionOrigin {
  readonly jobId?: string;
  readonly dataset?: { readonly name: string; readonly version: number };
  readonly createdBy?: string;
  readonly createdAt?: string;
}

async function listen(app: HttpApp): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

function standInApp(name: string): Promise<HttpApp> {
  return createHttpApp({
    service: name,
    version: '0.0.0',
    description: `Stand-in ${name} for the reporter's tests`,
    logger: createLogger({ service: name, level: 'silent' }),
    bodyLimitBytes: 1024 * 1024,
    auth: { verifier: testKeyVerifier, opsEndpointsOpen: true },
  });
}

/**
 * dl-trainer as the reporter reads it, played on loopback from the same route descriptors:
 * versions and their files, the `production` alias, runs by job id, training jobs, and the report
 * records the reporter writes. `failFiles` makes the next file downloads answer 503.
 */
export class StandInTrainer {
  readonly #versions = new Map<string, { metadata: ModelVersion; files: Map<string, Buffer> }[]>();
  readonly #production = new Map<string, number>();
  readonly #runs: TrainingRun[] = [];
  readonly #jobs = new Map<string, TrainingJob>();
  /** The report records the reporter wrote, by `<model>:<version>`. */
  readonly reports = new Map<string, ModelReport>();
  /** Requests answered, as `METHOD url`. */
  readonly requests: string[] = [];
  #failFiles = 0;
  #failFilesOf: string | undefined;
  #app: HttpApp | undefined;

  async start(): Promise<string> {
    const app = await standInApp('stand-in-dl-trainer');
    app.addHook('onRequest', (request, _reply, done) => {
      this.requests.push(`${request.method} ${request.url}`);
      done();
    });
    this.#registerRoutes(app);
    this.#app = app;
    return listen(app);
  }

  async stop(): Promise<void> {
    await this.#app?.close();
  }

  /** Registers the next version of `name` with these files; returns its metadata. */
  register(name: string, files: Readonly<Record<string, Buffer>>, origin: VersionOrigin = {}): ModelVersion {
    const versions = this.#versions.get(name) ?? [];
    const listed = Object.entries(files)
      .map(([path, content]) => ({ path, size: content.length, sha256: sha256(content) }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    const manifest = files['manifest.json'];
    const labels = manifest ? ((JSON.parse(manifest.toString('utf8')) as { labels?: string[] }).labels ?? []) : [];
    const metadata: ModelVersion = {
      name,
      version: versions.length + 1,
      source: origin.jobId ? 'training' : 'import',
      createdAt: origin.createdAt ?? '2026-03-02T09:30:00.000Z',
      createdBy: origin.createdBy ?? 'stand-in',
      ...(origin.jobId ? { runId: origin.jobId } : {}),
      ...(origin.dataset
        ? {
            lineage: {
              datasetName: origin.dataset.name,
              datasetVersion: origin.dataset.version,
              datasetContentHash: 'c0ffee'.padEnd(64, '0'),
              ...(origin.jobId ? { runId: origin.jobId } : {}),
            },
          }
        : {}),
      labels,
      metrics: {},
      files: listed,
      folderChecksum: folderChecksum(listed),
      totalBytes: listed.reduce((sum, file) => sum + file.size, 0),
    };
    versions.push({ metadata, files: new Map(Object.entries(files)) });
    this.#versions.set(name, versions);
    return metadata;
  }

  /** Points `production` at a version. */
  promote(name: string, version: number): void {
    this.#production.set(name, version);
  }

  /** Adds a training job (and its run, with the version it registered when given). */
  addJob(job: {
    readonly id: string;
    readonly modelName: string;
    readonly status: TrainingJob['status'];
    readonly requestedBy?: string;
    readonly modelVersion?: { readonly name: string; readonly version: number };
  }): void {
    const at = '2026-03-02T09:00:00.000Z';
    this.#jobs.set(job.id, {
      id: job.id,
      status: job.status,
      request: {
        modelName: job.modelName,
        task: 'topic',
        dataset: { name: 'support-mail', version: 1 },
        seed: 42,
        config: {},
        ...(job.requestedBy ? { requestedBy: job.requestedBy } : {}),
      },
      attempts: 1,
      createdAt: at,
      updatedAt: at,
    });
    this.#runs.push({
      id: job.id,
      jobId: job.id,
      modelName: job.modelName,
      status: job.status === 'succeeded' ? 'succeeded' : 'running',
      config: {},
      epochs: [],
      environment: { nodeVersion: 'v20', platform: 'linux', arch: 'x64', cpuModel: 'cpu', cpuCount: 2, backend: 'cpu' },
      codeVersion: 'test',
      timings: { startedAt: at, phasesMs: {} },
      attempts: 1,
      ...(job.modelVersion ? { modelVersion: { ...job.modelVersion } } : {}),
    });
  }

  /** Changes a job's status (a finished one gets its finish time). */
  setJobStatus(id: string, status: TrainingJob['status']): void {
    const job = this.#jobs.get(id);
    const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    if (job) this.#jobs.set(id, { ...job, status, ...(finished ? { finishedAt: '2026-03-02T09:30:00.000Z' } : {}) });
  }

  /** Records one epoch's metrics on a job's run, as the trainer does after each epoch. */
  recordEpoch(jobId: string, epoch: number, metrics: Readonly<Record<string, number>>): void {
    const run = this.#runs.find((candidate) => candidate.jobId === jobId);
    if (!run) throw new Error(`no run for job ${jobId}`);
    run.epochs.push({ epoch, metrics: { ...metrics }, at: '2026-03-02T09:10:00.000Z' });
  }

  /** Sets the resolved config of a job's run. */
  setRunConfig(jobId: string, config: unknown): void {
    const index = this.#runs.findIndex((candidate) => candidate.jobId === jobId);
    const run = this.#runs[index];
    if (run) this.#runs[index] = { ...run, config };
  }

  /** Makes the next `count` file downloads (of `model` only, when given) answer 503. */
  failFiles(count: number, model?: string): void {
    this.#failFiles = count;
    this.#failFilesOf = model;
  }

  #version(name: string, version: number): { metadata: ModelVersion; files: Map<string, Buffer> } {
    const versions = this.#versions.get(name);
    if (!versions) throw registryErrors.modelNotFound(`no model ${name}`);
    const stored = versions[version - 1];
    if (!stored) throw registryErrors.versionNotFound(`model ${name} has no version ${version}`);
    return stored;
  }

  #registerRoutes(app: HttpApp): void {
    const { versions, aliases, runs, reports } = registryRoutes;
    registerRoute(app, versions.get, (request) => this.#version(request.params.name, request.params.version).metadata);
    registerRoute(app, versions.file, (request, reply) => {
      const { name, version, '*': path } = request.params;
      const content = this.#version(name, version).files.get(path);
      if (!content) throw registryErrors.fileNotFound(`version ${version} of ${name} has no file ${path}`);
      if (this.#failFiles > 0 && (this.#failFilesOf === undefined || this.#failFilesOf === name)) {
        this.#failFiles -= 1;
        throw unavailable('the test made file downloads fail');
      }
      return reply
        .type('application/octet-stream')
        .header('etag', `"${sha256(content)}"`)
        .send(content);
    });
    registerRoute(app, aliases.resolve, (request) => {
      const { name, alias } = request.params;
      const stored = this.#version(name, 1);
      const version = alias === 'production' ? this.#production.get(name) : undefined;
      if (version === undefined) throw registryErrors.aliasNotFound(`model ${name} has no alias ${alias}`);
      const move = {
        name,
        alias,
        sequence: 1,
        version,
        previousVersion: null,
        movedBy: 'stand-in',
        reason: 'test',
        movedAt: stored.metadata.createdAt,
      };
      return { ...move, modelVersion: this.#version(name, version).metadata };
    });
    registerRoute(app, runs.list, (request) => ({
      items: this.#runs.filter((run) => request.query.jobId === undefined || run.jobId === request.query.jobId),
    }));
    registerRoute(app, runs.get, (request) => {
      const run = this.#runs.find((candidate) => candidate.id === request.params.id);
      if (!run) throw registryErrors.runNotFound(`no training run ${request.params.id}`);
      return run;
    });
    registerRoute(app, reports.record, (request) => {
      const { name, version } = request.params;
      this.#version(name, version);
      const record = {
        ...request.body,
        name,
        version,
        recordedBy: callerOf(request).owner,
      };
      this.reports.set(`${name}:${version}`, record);
      return record;
    });
    registerRoute(app, reports.get, (request) => {
      const { name, version } = request.params;
      const record = this.reports.get(`${name}:${version}`);
      if (!record) throw registryErrors.reportNotFound(`no report for ${name} v${version}`);
      return record;
    });
    registerRoute(app, trainingJobRoutes.get, (request) => {
      const job = this.#jobs.get(request.params.id);
      if (!job) throw jobNotFound(`no training job ${request.params.id}`);
      return job;
    });
  }
}

/** feature-store as the reporter reads it: the records of dataset versions, as JSON Lines. */
export class StandInFeatureStore {
  readonly #datasets = new Map<string, readonly DatasetRecord[]>();
  /** How many times each `<name>:<version>` was read. */
  readonly reads = new Map<string, number>();
  #app: HttpApp | undefined;

  async start(): Promise<string> {
    const app = await standInApp('stand-in-feature-store');
    registerRoute(app, featureStoreRoutes.datasets.records, (request, reply) => {
      const key = `${request.params.name}:${request.params.version}`;
      const records = this.#datasets.get(key);
      if (!records) throw datasetNotFound(`no dataset ${key}`);
      this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
      return reply
        .type('application/x-ndjson')
        .header('x-dataset-record-count', String(records.length))
        .send(records.map((record) => JSON.stringify(record)).join('\n') + '\n');
    });
    this.#app = app;
    return listen(app);
  }

  async stop(): Promise<void> {
    await this.#app?.close();
  }

  /** Stores the records of a dataset version. */
  put(name: string, version: number, rows: readonly { id: string; text: string; label: string }[]): void {
    this.#datasets.set(
      `${name}:${version}`,
      rows.map((row) => ({ documentId: row.id, textSha256: sha256(row.text), label: row.label, text: row.text })),
    );
  }
}
