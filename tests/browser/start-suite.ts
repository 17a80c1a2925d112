/**
 * Starts the browser suite's services with their seed data and keeps them up until Ctrl-C, writing
 * their addresses to the file given as the first argument; `MLOPS_BROWSER_SUITE=<that file>
 * npx vitest run --project browser` then reuses them (for working on the pages without the
 * minutes of set-up). Needs MONGO_URL and AMQP_URL (scripts/infra start); run it with
 * `TSX_TSCONFIG_PATH=$PWD/tsconfig.check.json node --import tsx --conditions=source`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnvironment } from '@mlops/testing';
import { seedSuite } from './support/seed.js';
import { startSuite } from './support/suite.js';

const file = process.argv[2] ?? join(tmpdir(), 'mlops-browser-suite.json');
const environment = await createTestEnvironment('browser-dev');
const suite = await startSuite(environment.env, mkdtempSync(join(tmpdir(), 'mlops-browser-models-')));
const shutdown = async () => {
  await suite.stop();
  await environment.dispose();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
try {
  const seeded = await seedSuite(suite);
  const { urls, adminKey } = suite;
  writeFileSync(file, JSON.stringify({ urls, adminKey, seeded, infraEnv: environment.env }, null, 2));
  process.stdout.write(`browser suite up: ${urls.reporter} (addresses in ${file})\n`);
} catch (error) {
  process.stderr.write(`${String(error)}\n`);
  await shutdown();
}
