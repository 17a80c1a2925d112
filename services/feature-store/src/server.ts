import { startServer } from '@mlops/runtime';
import { buildApp } from './app.js';
import { loadFeatureStoreConfig } from './config.js';

await startServer(
  'feature-store',
  () => loadFeatureStoreConfig(),
  (config, logger) => buildApp(config, { logger }),
);
