import type { HttpApp, KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildStatelessApp } from '@mlops/runtime';
import type { DocumentRecognitionConfig } from './config.js';
import { createExtractionWork } from './extract/extraction-work.js';
import { registerExtractRoutes } from './extract/extract.route.js';
import { OcrPool } from './ocr/ocr-pool.js';
import { createOfficeConverter } from './office/office-converter.js';

/** Builds document-recognition (stateless: no database, no broker): `POST /v1/extract` and the common surface. */
export async function buildApp(
  config: DocumentRecognitionConfig,
  overrides: { readonly logger?: Logger; readonly keyVerifier?: KeyVerifier } = {},
): Promise<HttpApp> {
  const app = await buildStatelessApp({
    config,
    description: 'Text and layout extraction from PDFs, scans, images, office files and e-mails.',
    logger: overrides.logger,
    keyVerifier: overrides.keyVerifier,
  });
  const ocr = new OcrPool(config.recognition.ocrWorkers, app.log);
  app.addHook('onClose', async () => {
    await ocr.close();
  });
  const work = createExtractionWork({
    limits: config.recognition,
    workers: config.workers,
    ocr,
    converter: createOfficeConverter(config.converter, config.recognition.timeoutMs, app.log),
    logger: app.log,
  });
  app.addHook('onClose', () => work.close());
  await registerExtractRoutes(app, { limits: config.recognition, work });
  return app;
}
