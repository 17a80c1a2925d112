import { startServer } from '@mlops/runtime';
import { buildApp } from './app.js';
import { loadNlpConfig } from './config.js';

await startServer(
  'nlp',
  () => loadNlpConfig(),
  (config, logger) => buildApp(config, { logger }),
);
