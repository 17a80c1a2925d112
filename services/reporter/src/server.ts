import { startServer } from '@mlops/runtime';
import { buildApp } from './app.js';
import { loadReporterConfig } from './config.js';

await startServer(
  'reporter',
  () => loadReporterConfig(),
  (config, logger) => buildApp(config, { logger }),
);
