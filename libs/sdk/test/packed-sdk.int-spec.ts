import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestEnvironment, TEST_KEYS, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_MODEL, ServedTopics } from '../../../services/inference/test/support/served-topics.js';
import { trainTopicModel } from '../../../services/inference/test/support/train-topic-model.js';

const run = promisify(execFile);
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const SDK_DIR = here('..');
const TSC = here('../../../node_modules/typescript/bin/tsc');
const NODE_TYPES = here('../../../node_modules/@types');

interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

interface ConsumerOutput {
  readonly prediction: { model: string; version: number; predictions: { label: string }[] };
  readonly refusal?: { kind: string; code: string; status?: number };
}

/**
 * A project outside the workspace that installs the tarball with npm, as another team would, with
 * the application of consumer/predict.ts to compile (strict, the SDK's declarations checked too).
 */
async function consumerProject(tarball: string, folder: string): Promise<void> {
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }),
  );
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: folder });
  await mkdir(join(folder, 'src'));
  await copyFile(here('consumer/predict.ts'), join(folder, 'src/predict.ts'));
  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    outDir: 'out',
    typeRoots: [NODE_TYPES],
    types: ['node'],
  };
  await writeFile(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
}

describe('the packed SDK, installed with npm outside the workspace', () => {
  let environment: TestEnvironment | undefined;
  let served: ServedTopics | undefined;
  let inferenceUrl: string;
  let labels: string[];
  let folder: string;
  let pack: PackResult;
  let typeErrors: string;

  /** Builds, packs and installs the SDK in a fresh project, and compiles the application there. */
  async function installPacked(): Promise<void> {
    await run(process.execPath, ['build.mjs'], { cwd: SDK_DIR });
    // pnpm pack, as pnpm publish would: workspace: versions in the manifest become real ones.
    const packed = await run('pnpm', ['pack', '--json', '--pack-destination', folder], { cwd: SDK_DIR });
    pack = JSON.parse(packed.stdout) as PackResult;
    await consumerProject(pack.filename, folder);
    typeErrors = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: folder }).then(
      () => '',
      (error: unknown) => String((error as { stdout?: unknown }).stdout ?? error),
    );
  }

  /** Serves a freshly trained `topics` model from an inference listening on loopback. */
  async function serveTopics(): Promise<void> {
    environment = await createTestEnvironment('sdk packed');
    const model = await trainTopicModel(1);
    labels = (JSON.parse(model.get('manifest.json')?.toString('utf8') ?? '{}') as { labels: string[] }).labels;
    served = await ServedTopics.start(environment, [model]);
    const inference = await served.build();
    inferenceUrl = await inference.app.listen({ host: '127.0.0.1', port: 0 });
    await waitFor(async () => ((await fetch(`${inferenceUrl}/readyz`)).ok ? true : undefined), 30_000);
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mlops-sdk-consumer-'));
    await Promise.all([installPacked(), serveTopics()]);
  }, 300_000);

  afterAll(async () => {
    await served?.close();
    await environment?.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('packs the bundle, its types and the README only, with no workspace package left in them', async () => {
    expect(pack.files.map((file) => file.path).sort()).toEqual([
      'README.md',
      'dist/index.d.ts',
      'dist/index.js',
      'package.json',
    ]);
    const installed = join(folder, 'node_modules/@mlops/sdk/dist');
    for (const file of ['index.js', 'index.d.ts']) {
      // No import of a workspace package (descriptions may still name @mlops/contracts in prose).
      expect(await readFile(join(installed, file), 'utf8')).not.toMatch(
        /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]@mlops\//,
      );
    }
  });

  it('type-checks an application against the packed declarations', () => {
    expect(typeErrors).toBe('');
  });

  it('predicts with the served model from that application, and throws UpstreamError for an unknown model', async () => {
    const { stdout } = await run(process.execPath, ['out/predict.js', inferenceUrl, SERVED_MODEL, TEST_KEYS.admin], {
      cwd: folder,
    });
    const output = JSON.parse(stdout) as ConsumerOutput;
    expect(output.prediction).toMatchObject({ model: SERVED_MODEL, version: 1 });
    expect(labels).toContain(output.prediction.predictions[0]?.label);
    expect(output.refusal).toEqual({ kind: 'refused', code: 'INFERENCE_MODEL_NOT_FOUND', status: 404 });
  }, 60_000);
});
