import { startServer } from '@mlops/runtime';
import { buildApp } from './app.js';
import { loadDocumentRecognitionConfig } from './config.js';

await startServer(
  'document-recognition',
  () => loadDocumentRecognitionConfig(),
  (config, logger) => buildApp(config, { logger }),
);
