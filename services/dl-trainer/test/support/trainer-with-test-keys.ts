/**
 * dl-trainer's `src/server.ts` with one difference: callers' keys are checked by the test key
 * verifier of @mlops/testing instead of asking feature-store, so an e2e test can run the trainer as
 * its own process (and SIGKILL it) without a key store. Started by tests/e2e/study-resume.int-spec.ts.
 */
import { startServer } from '@mlops/runtime';
import { testKeyVerifier } from '@mlops/testing';
import { buildApp } from '../../src/app.js';
import { loadDlTrainerConfig } from '../../src/config.js';

await startServer(
  'dl-trainer',
  () => loadDlTrainerConfig(),
  (config, logger) => buildApp(config, { logger, keyVerifier: testKeyVerifier }),
);
