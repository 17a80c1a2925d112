import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpApp } from '@mlops/http';
import {
  createTestEnvironment,
  freePort,
  testKeyFor,
  testKeyVerifier,
  TEST_KEYS,
  waitFor,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildTrainer } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildInference } from '../../services/inference/src/app.js';
import { loadInferenceConfig } from '../../services/inference/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { buildApp as buildReporter } from '../../services/reporter/src/app.js';
import { loadReporterConfig } from '../../services/reporter/src/config.js';
import { readWordnetNounGlosses, sampleByClass, toImportLines } from '../../tools/corpora/wordnet-glosses.js';
import { cliCommand, runMlops } from './support/cli-process.js';
import { spawn } from 'node:child_process';

/*
 * The `mlops` binary (a child process, run from its sources) against the real services on
 * loopback: ingest a .jsonl → train end to end from a train.json (freeze, job, report, promotion)
 * → predict → report get, each with --json, checking exit codes and output shapes; then the
 * refusals (an invalid train.json, a key without the scope) and a progress bar under a
 * pseudo-terminal.
 */

const LEXNAMES = ['noun.animal', 'noun.food', 'noun.artifact', 'noun.person'];
const baseUrl = (app: HttpApp): string => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

describe('mlops CLI end to end', () => {
  let environment: TestEnvironment;
  const apps: HttpApp[] = [];
  let work: string;
  let env: Record<string, string>;
  const suffix = Date.now().toString(36);
  const model = `cli-lexname-${suffix}`;
  const dataset = `cli-glosses-${suffix}`;

  const glossesFile = (perClass: number, offset: number): string => {
    const glosses = sampleByClass(readWordnetNounGlosses(), perClass + offset)
      .filter((gloss) => LEXNAMES.includes(gloss.lexname))
      .filter((_, index) => index % (perClass + offset) >= offset);
    const path = join(work, `glosses-${offset}.jsonl`);
    writeFileSync(path, `${toImportLines(glosses)}\n`);
    return path;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('cli e2e');
    work = await mkdtemp(join(tmpdir(), 'mlops-cli-e2e-'));
    const overrides = { keyVerifier: testKeyVerifier };
    const nlp = await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), overrides);
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    const store = await buildFeatureStore(
      loadFeatureStoreConfig({ ...environment.env, NLP_URL: baseUrl(nlp), PROCESSING_WORKERS: '4' }),
      overrides,
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    const trainer = await buildTrainer(
      loadDlTrainerConfig({
        ...environment.env,
        FEATURE_STORE_URL: baseUrl(store),
        TRAINING_CHECKPOINT_INTERVAL_MS: '0',
      }),
      overrides,
    );
    await trainer.listen({ host: '127.0.0.1', port: 0 });
    const reporterPort = await freePort();
    const reporter = await buildReporter(
      loadReporterConfig({
        ...environment.env,
        REGISTRY_URL: baseUrl(trainer),
        FEATURE_STORE_URL: baseUrl(store),
        PUBLIC_URL: `http://127.0.0.1:${reporterPort}`,
        RENDER_RETRY_DELAY_MS: '500',
      }),
      overrides,
    );
    await reporter.listen({ host: '127.0.0.1', port: reporterPort });
    const inference = await buildInference(
      loadInferenceConfig({
        ...environment.env,
        REGISTRY_URL: baseUrl(trainer),
        MODELS: model,
        MODEL_CACHE_DIR: join(work, 'model-cache'),
      }),
      overrides,
    );
    await inference.listen({ host: '127.0.0.1', port: 0 });
    apps.push(inference, reporter, trainer, store, nlp);
    env = {
      HOME: work,
      NO_COLOR: '1',
      MLOPS_API_KEY: TEST_KEYS.admin,
      MLOPS_FEATURE_STORE_URL: baseUrl(store),
      MLOPS_NLP_URL: baseUrl(nlp),
      MLOPS_TRAINER_URL: baseUrl(trainer),
      MLOPS_REPORTER_URL: baseUrl(reporter),
      MLOPS_INFERENCE_URL: baseUrl(inference),
    };
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await environment.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('ingest → train → predict → report get, with --json', async () => {
    const ingest = await runMlops(['--json', 'ingest', glossesFile(12, 0)], env);
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({
      documents: 48,
      ready: 48,
      duplicate: 0,
      failed: 0,
      pending: 0,
      failures: [],
    });

    const again = await runMlops(['--json', 'ingest', glossesFile(12, 0)], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ documents: 48, ready: 48, duplicate: 48 });

    const reportPath = join(work, 'out', 'report.pdf');
    const trainJson = join(work, 'train.json');
    writeFileSync(
      trainJson,
      JSON.stringify({
        modelName: model,
        task: 'lexname',
        dataset: { name: dataset, freeze: true, definition: { description: 'glosses for the CLI test' } },
        seed: 7,
        config: { featurizer: { wordNgrams: { buckets: 4096 } }, data: { minRows: 20 }, optimization: { epochs: 5 } },
        promote: { minMacroF1: 0 },
        report: { output: reportPath },
      }),
    );
    const train = await runMlops(['--json', 'train', '--config', trainJson], env);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    const trained = JSON.parse(train.stdout) as Record<string, unknown>;
    expect(trained).toMatchObject({
      status: 'succeeded',
      model: { name: model, version: 1 },
      dataset: { name: dataset, version: 1, created: true, frozen: true },
      epochs: 5,
      report: { status: 'ready', path: reportPath },
      promotion: { promote: true, alias: 'production', previousVersion: null },
    });
    const metrics = trained.metrics as Record<string, unknown>;
    expect(typeof metrics.macroF1).toBe('number');
    expect(typeof metrics.accuracy).toBe('number');
    expect(readFileSync(reportPath).subarray(0, 5).toString()).toBe('%PDF-');

    const predicted = await waitFor(
      async () => {
        const run = await runMlops(
          ['--json', 'predict', '--model', model, 'a domestic animal with four legs', 'a kind of bread'],
          env,
        );
        return run.code === 0 ? run : undefined;
      },
      60_000,
      500,
    );
    const predictions = JSON.parse(predicted.stdout) as {
      model: string;
      version: number;
      predictions: { label: string; text: string }[];
    };
    expect(predictions).toMatchObject({ model, version: 1, route: 'production' });
    expect(predictions.predictions).toHaveLength(2);
    expect(LEXNAMES.map((name) => name.replace('.', '_'))).toContain(predictions.predictions[0]?.label);

    const fromStdin = await runMlops(['--json', 'predict', '--model', model], env, 'a large cat\nsoup\n\n');
    expect((JSON.parse(fromStdin.stdout) as { predictions: unknown[] }).predictions).toHaveLength(2);

    const output = join(work, 'again.pdf');
    const report = await runMlops(['--json', 'report', 'get', model, '1', '-o', output], env);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({
      model,
      version: 1,
      status: 'ready',
      path: output,
    });
    expect((JSON.parse(report.stdout) as { url: string }).url).toMatch(/\/v1\/reports\/.+\/1\.pdf$/);
    expect(readFileSync(output).equals(readFileSync(reportPath))).toBe(true);

    const models = await runMlops(['--json', 'models', 'show', model], env);
    expect(JSON.parse(models.stdout)).toMatchObject({ name: model, aliases: { production: 1 } });
  }, 400_000);

  it('names the file and field of an invalid train.json (exit 1), the scope a key lacks (exit 4), an unknown flag (exit 2)', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        modelName: model,
        task: 'lexname',
        dataset: { name: dataset, version: 1 },
        config: { optimization: { epochs: -3 } },
      }),
    );
    const invalid = await runMlops(['train', '--config', bad], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`${bad} is invalid: config.optimization.epochs`);
    const versionsNow = async () =>
      (JSON.parse((await runMlops(['--json', 'datasets', 'show', dataset], env)).stdout) as { versions: unknown[] })
        .versions.length;
    const versionsBefore = await versionsNow();
    const freezing = join(work, 'bad-freezing.json');
    writeFileSync(
      freezing,
      JSON.stringify({
        modelName: model,
        task: 'lexname',
        dataset: { name: dataset, freeze: true },
        config: { optimization: { epochs: 'ten' } },
      }),
    );
    const refusedBeforeFreezing = await runMlops(['train', '--config', freezing], env);
    expect(refusedBeforeFreezing.code).toBe(1);
    expect(refusedBeforeFreezing.stderr).toContain(`${freezing} is invalid: config.optimization.epochs`);
    expect(refusedBeforeFreezing.stderr).not.toContain('frozen now');
    expect(await versionsNow()).toBe(versionsBefore);

    const refused = await runMlops(['models', 'list'], { ...env, MLOPS_API_KEY: testKeyFor('cli-nobody', []) });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/needs a key with scope "read"/);

    const usage = await runMlops(['models', 'list', '--colour'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown option '--colour'/);
  }, 120_000);

  it('stops quietly when its reader closes the pipe early (mlops models list | head -1)', async () => {
    const command = [...cliCommand(), '--help'].map((part) => `'${part}'`).join(' ');
    const child = spawn('bash', ['-c', `${command} | head -c 5; exit \${PIPESTATUS[0]}`], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('draws the ingest progress bar under a pseudo-terminal', async () => {
    const file = glossesFile(3, 12);
    const command = [...cliCommand(), 'ingest', file].map((part) => `'${part}'`).join(' ');
    const { NO_COLOR: _none, ...rest } = env;
    const variables = Object.entries({ ...rest, FORCE_COLOR: '1', TERM: 'xterm-256color' }).map(
      ([k, v]) => `${k}='${v}'`,
    );
    const child = spawn('script', ['-qec', `env -u NO_COLOR ${variables.join(' ')} ${command}`, '/dev/null'], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
    });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/upload +\[[█░]+\] \d+\/12/);
    expect(screen).toMatch(/process \[█{24}\] 12\/12 \| ready 12, duplicate 0, failed 0/);
    expect(screen).toContain('\u001b[');
    expect(screen).toMatch(/12.*documents in \d+s: .*ready 12/);
  }, 150_000);
});
