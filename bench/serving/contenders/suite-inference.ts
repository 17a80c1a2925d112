/**
 * Plug point for the suite's inference service (services/inference, issue 6). It is skipped, with
 * the reason in the results, until `start` is wired. Starting the service for real needs:
 * - MongoDB and RabbitMQ (`buildConnectedApp`): `scripts/infra` starts local ones;
 * - a registry answering dl-trainer's API for `model.name` (alias `production` → version, version
 *   metadata with each file's sha256, file downloads), holding the folder `manifest.json` +
 *   `model.onnx` that `runTrainingPipeline` (libs/ml) returns: a small stub HTTP server in the
 *   benchmark, or dl-trainer itself with the model registered and promoted;
 * - the service as a child process (`node --conditions=source --import tsx services/inference/src/server.ts`,
 *   `REGISTRY_URL`, `MODELS=<model.name>`, its port and 127.0.0.1, Mongo and AMQP URLs in the
 *   environment), then `startServer` (bench/lib/server-process.ts) polling the predict route
 *   with `probeBody` until the model is loaded and warm.
 * Measure it with the same batching settings it ships with (`BATCH_MAX_SIZE`, `BATCH_MAX_DELAY_MS`)
 * and state them in `settings`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpContender } from '../contender.js';

const SOURCES = fileURLToPath(new URL('../../../services/inference/src/', import.meta.url));

function hasPredictRoute(): boolean {
  try {
    return readdirSync(SOURCES, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .some((file) => /\/predict\b/.test(readFileSync(join(SOURCES, file), 'utf8')));
  } catch {
    return false;
  }
}

export const suiteInference: HttpContender = {
  name: 'mlops-suite inference service',
  settings: { wired: false },
  unavailable: () =>
    hasPredictRoute()
      ? 'services/inference has POST /v1/models/{name}/predict, but starting it needs MongoDB, RabbitMQ and a ' +
        'registry holding the model (manifest.json + model.onnx); not wired yet: see bench/serving/contenders/suite-inference.ts'
      : 'services/inference has no POST /v1/models/{name}/predict yet (services/inference/src checked at run time)',
  start: () => Promise.reject(new Error('suite-inference is not wired yet')),
};
