import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildStatelessApp } from '@mlops/runtime';
import type { NlpConfig } from './config.js';
import { loadLanguageDetector } from './language/language-detector.js';
import { nlpRoutes } from './nlp-routes.plugin.js';

/** Builds nlp (stateless: no database, no broker): loads the language detector, then registers the API. */
export async function buildApp(config: NlpConfig, overrides: { readonly logger?: Logger } = {}): Promise<HttpApp> {
  const detector = await loadLanguageDetector(config.language);
  const app = await buildStatelessApp({
    config,
    description: 'Language detection, normalisation, tokenisation, entity taggers and keyword statistics.',
    logger: overrides.logger,
  });
  await app.register(nlpRoutes, { limits: config.limits, detector });
  return app;
}
