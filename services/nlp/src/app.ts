import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildStatelessApp } from '@mlops/runtime';
import type { NlpConfig } from './config.js';

/** Builds nlp (stateless: no database, no broker). */
export async function buildApp(config: NlpConfig, overrides: { readonly logger?: Logger } = {}): Promise<HttpApp> {
  return buildStatelessApp({
    config,
    description: 'Language detection, normalisation, tokenisation, entity taggers and keyword statistics.',
    logger: overrides.logger,
  });
}
