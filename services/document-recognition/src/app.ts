import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildStatelessApp } from '@mlops/runtime';
import type { DocumentRecognitionConfig } from './config.js';

/** Builds document-recognition (stateless: no database, no broker). */
export async function buildApp(
  config: DocumentRecognitionConfig,
  overrides: { readonly logger?: Logger } = {},
): Promise<HttpApp> {
  return buildStatelessApp({
    config,
    description: 'Text and layout extraction from PDFs, scans, images, office files and e-mails.',
    logger: overrides.logger,
  });
}
