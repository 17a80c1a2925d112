import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestEnvironment, setupInfrastructure, teardownInfrastructure } from '@mlops/testing';
import type { TestProject } from 'vitest/node';
import { seedSuite, type Seeded } from './support/seed.js';
import { REPORT_DIR, startSuite, type SuiteAddresses } from './support/suite.js';

/** The dashboard's bundler: the pages are tested as built from the sources of this checkout. */
const DASHBOARD_BUILD = fileURLToPath(new URL('../../libs/dashboard/build.mjs', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    suite: SuiteAddresses & { readonly seeded: Seeded; readonly infraEnv: Readonly<Record<string, string>> };
  }
}

/**
 * @public
 * Browser project: the real suite on loopback (six service processes against the shared MongoDB
 * and RabbitMQ, in a database and vhost of their own) with data on every page, for the tests to
 * drive in Chromium. `MLOPS_BROWSER_SUITE=<file>` reuses a suite `tests/browser/start-suite.ts`
 * started and described in that file (for working on the pages).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(REPORT_DIR, { recursive: true });
  execFileSync(process.execPath, [DASHBOARD_BUILD], { stdio: 'inherit' });
  const reuse = process.env.MLOPS_BROWSER_SUITE;
  if (reuse) {
    project.provide('suite', JSON.parse(readFileSync(reuse, 'utf8')) as never);
    return () => Promise.resolve();
  }
  await setupInfrastructure();
  const environment = await createTestEnvironment('browser');
  const cacheDir = mkdtempSync(join(tmpdir(), 'mlops-browser-models-'));
  const suite = await startSuite(environment.env, cacheDir);
  const stopAll = async () => {
    await suite.stop();
    await environment.dispose().catch(() => undefined);
    rmSync(cacheDir, { recursive: true, force: true });
    await teardownInfrastructure();
  };
  try {
    const seeded = await seedSuite(suite);
    const { urls, adminKey } = suite;
    project.provide('suite', { urls, adminKey, seeded, infraEnv: environment.env });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
