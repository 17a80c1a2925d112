import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, TEST_KEYS, testKeyVerifier, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildTrainer } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import { buildApp as buildRecognition } from '../../services/document-recognition/src/app.js';
import { loadDocumentRecognitionConfig } from '../../services/document-recognition/src/config.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildInference } from '../../services/inference/src/app.js';
import { loadInferenceConfig } from '../../services/inference/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { buildApp as buildReporter } from '../../services/reporter/src/app.js';
import { loadReporterConfig } from '../../services/reporter/src/config.js';

const FUZZ = fileURLToPath(new URL('../../scripts/fuzz', import.meta.url));
/** Examples per operation and phase; FUZZ_MAX_EXAMPLES raises it for a longer local run. */
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '8';

interface FuzzRun {
  readonly exitCode: number;
  readonly output: string;
  readonly report: string;
}

/** Runs scripts/fuzz (schemathesis) against a listening app with the test admin key. */
async function fuzz(app: HttpApp, reportDir: string, service: string): Promise<FuzzRun> {
  const { port } = app.server.address() as AddressInfo;
  const reportFile = join(reportDir, `${service}.json`);
  const args = [
    `http://127.0.0.1:${port}/openapi.json`,
    '--key',
    TEST_KEYS.admin,
    '--max-examples',
    MAX_EXAMPLES,
    '--report',
    reportFile,
  ];
  const { exitCode, output } = await new Promise<{ exitCode: number; output: string }>((resolve) => {
    execFile(FUZZ, args, { cwd: reportDir, maxBuffer: 64 * 1024 * 1024, timeout: 900_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ exitCode: code, output: `${stdout}\n${stderr}` });
    });
  });
  const report = await readFile(reportFile, 'utf8').catch(() => '');
  return { exitCode, output, report };
}

function baseUrl(app: HttpApp): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function listening(app: HttpApp): Promise<HttpApp> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

/**
 * schemathesis against the OpenAPI document of each of the six services, running for real on
 * loopback with their real upstreams, MongoDB and RabbitMQ, with a valid admin key: no answer
 * may be a 5xx, and every answer must match its documented status, content type and schema.
 */
describe('fuzzing every service through its OpenAPI document (schemathesis)', () => {
  let environment: TestEnvironment;
  let reportDir: string;
  let cacheDir: string;
  const apps: Record<string, HttpApp> = {};

  beforeAll(async () => {
    environment = await createTestEnvironment('fuzz');
    reportDir = await mkdtemp(join(tmpdir(), 'fuzz-report-'));
    cacheDir = await mkdtemp(join(tmpdir(), 'fuzz-model-cache-'));
    const keyed = { ...environment.env, API_KEY: TEST_KEYS.service };
    const overrides = { keyVerifier: testKeyVerifier };
    apps.nlp = await listening(await buildNlp(loadNlpConfig(keyed), overrides));
    apps.recognition = await listening(await buildRecognition(loadDocumentRecognitionConfig(keyed), overrides));
    apps.featureStore = await listening(
      await buildFeatureStore(
        loadFeatureStoreConfig({ ...keyed, NLP_URL: baseUrl(apps.nlp), RECOGNITION_URL: baseUrl(apps.recognition) }),
        overrides,
      ),
    );
    const featureStoreUrl = baseUrl(apps.featureStore);
    apps.trainer = await listening(
      await buildTrainer(loadDlTrainerConfig({ ...keyed, FEATURE_STORE_URL: featureStoreUrl }), overrides),
    );
    const registryUrl = baseUrl(apps.trainer);
    apps.reporter = await listening(
      await buildReporter(
        loadReporterConfig({ ...keyed, REGISTRY_URL: registryUrl, FEATURE_STORE_URL: featureStoreUrl }),
        overrides,
      ),
    );
    apps.inference = await listening(
      await buildInference(
        loadInferenceConfig({
          ...keyed,
          REGISTRY_URL: registryUrl,
          RECOGNITION_URL: baseUrl(apps.recognition),
          MODEL_CACHE_DIR: cacheDir,
        }),
        overrides,
      ),
    );
  }, 120_000);

  afterAll(async () => {
    for (const app of Object.values(apps).reverse()) await app.close();
    await environment.dispose();
    await rm(reportDir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it.each(['nlp', 'recognition', 'featureStore', 'trainer', 'reporter', 'inference'])(
    '%s: no 5xx, every answer as documented',
    async (service) => {
      const app = apps[service];
      if (!app) throw new Error(`${service} did not start`);
      const run = await fuzz(app, reportDir, service);
      if (run.exitCode !== 0) process.stderr.write(`schemathesis on ${service}:\n${run.output.slice(-20_000)}\n`);
      expect(run.output).toMatch(/test cases/i);
      expect(run.exitCode).toBe(0);
    },
    900_000,
  );
});
