import { startServer } from '@mlops/runtime';
import { buildApp } from './app.js';
import { loadInferenceConfig } from './config.js';

await startServer(
  'inference',
  () => loadInferenceConfig(),
  (config, logger) => buildApp(config, { logger }),
);
