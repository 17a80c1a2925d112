import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildStatelessApp } from '@mlops/runtime';
import type { NlpConfig } from './config.js';
import { registerEntitiesRoute } from './entities/entities.route.js';
import { registerTaggersRoute } from './entities/taggers.route.js';
import { registerKeywordsRoute } from './keywords/keywords.route.js';
import { loadLanguageDetector } from './language/language-detector.js';
import { registerLanguageRoute } from './language/language.route.js';
import { registerNormalizeRoute } from './text/normalize.route.js';
import { registerTokenizeRoute } from './text/tokenize.route.js';

/**
 * Builds nlp (stateless: no database, no broker): loads the language detector, then registers the
 * API (language, normalisation, tokens, entities, keywords).
 */
export async function buildApp(config: NlpConfig, overrides: { readonly logger?: Logger } = {}): Promise<HttpApp> {
  const detector = await loadLanguageDetector(config.language);
  const app = await buildStatelessApp({
    config,
    description: 'Language detection, normalisation, tokenisation, entity taggers and keyword statistics.',
    logger: overrides.logger,
  });
  const { limits } = config;
  registerLanguageRoute(app, { limits, detector });
  registerNormalizeRoute(app, { limits });
  registerTokenizeRoute(app, { limits });
  registerEntitiesRoute(app, { limits });
  registerTaggersRoute(app);
  registerKeywordsRoute(app, { limits });
  return app;
}
