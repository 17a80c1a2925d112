import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchVenvDir } from '../../lib/python.js';
import { startServer } from '../../lib/server-process.js';
import type { HttpContender } from '../contender.js';
import { suiteInference } from './suite-inference.js';

const server = (file: string): string => fileURLToPath(new URL(`../servers/${file}`, import.meta.url));
const tsx = (script: string, ...args: string[]): string[] => [
  '--conditions=source',
  '--import',
  'tsx',
  script,
  ...args,
];
const route = (port: number, name: string): string => `http://127.0.0.1:${port}/v1/models/${name}/predict`;

/** (a) The ceiling: fastify 5 answering a constant prediction per text. */
const bareFastify: HttpContender = {
  name: 'bare fastify 5 (constant JSON, ceiling)',
  settings: { process: 'node + tsx, 1 process', logger: false },
  start: (model, port, probeBody) =>
    startServer({
      command: process.execPath,
      args: tsx(server('bare-fastify.ts'), String(port)),
      probeUrl: route(port, model.name),
      probeBody,
    }),
};

/**
 * The Python peer's packages, pinned (versions on PyPI for Python 3.11); the benchmark installs them
 * with `ensurePythonVenv` before anything runs. scikit-learn, numpy and scipy as in bench/training.
 */
export const SERVING_PYTHON_REQUIREMENTS = [
  'scikit-learn==1.9.1',
  'numpy==2.4.6',
  'scipy==1.17.1',
  'fastapi==0.163.2',
  'uvicorn==0.54.0',
  'uvloop==0.23.0',
  'httptools==0.9.0',
] as const;

/** The benchmark venv's python (created by `ensurePythonVenv`). */
export const venvPython = (): string => join(benchVenvDir(), 'bin', 'python');

/** The Python peer's script: `train` and `serve` modes. */
export const FASTAPI_SCRIPT = server('fastapi_sklearn.py');

/** (b) The usual Python peer: FastAPI + uvicorn, scikit-learn TF-IDF + LR trained on the same split. */
const fastapiSklearn: HttpContender = {
  name: 'FastAPI + uvicorn, scikit-learn TF-IDF + LR',
  settings: {
    uvicorn: '1 worker, loop uvloop, http httptools, access log off, log level warning',
    endpoint: 'async def, pydantic request model, dict response (default JSONResponse)',
    blasThreads: 1,
  },
  start: (model, port, probeBody) =>
    startServer({
      command: venvPython(),
      args: [FASTAPI_SCRIPT, 'serve', `${model.workDir}/sklearn.pkl`, String(port)],
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      probeUrl: route(port, model.name),
      probeBody,
    }),
};

/** The suite's stack without the service: fastify + libs/ml featurizer + ORT in the handler. */
const suiteMinimal: HttpContender = {
  name: 'suite stack, minimal (fastify + libs/ml + ORT, no batching)',
  settings: { process: 'node + tsx, 1 process', ortThreads: 'intra-op 1, inter-op 1', batching: 'none' },
  start: (model, port, probeBody) =>
    startServer({
      command: process.execPath,
      args: tsx(server('suite-minimal.ts'), String(port), model.onnxFile, model.featurizerFile),
      probeUrl: route(port, model.name),
      probeBody,
    }),
};

export const httpContenders: readonly HttpContender[] = [bareFastify, fastapiSklearn, suiteMinimal, suiteInference];
