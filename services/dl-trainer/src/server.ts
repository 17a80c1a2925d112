import { startServer } from '@mlops/runtime';
import { buildApp } from './app.js';
import { loadDlTrainerConfig } from './config.js';

await startServer(
  'dl-trainer',
  () => loadDlTrainerConfig(),
  (config, logger) => buildApp(config, { logger }),
);
