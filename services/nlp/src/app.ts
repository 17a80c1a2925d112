import type { HttpApp, KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildStatelessApp } from '@mlops/runtime';
import type { NlpConfig } from './config.js';
import { registerEntitiesRoute } from './entities/entities.route.js';
import { registerTaggersRoute } from './entities/taggers.route.js';
import { registerKeywordsRoute } from './keywords/keywords.route.js';
import { registerLanguageRoute } from './language/language.route.js';
import { registerNormalizeRoute } from './text/normalize.route.js';
import { registerTokenizeRoute } from './text/tokenize.route.js';
import { createNlpWork } from './work/nlp-work.js';

/**
 * Builds nlp (stateless: no database, no broker): the API (language, normalisation, tokens,
 * entities, keywords), whose work runs on a pool of worker threads (each loads the language
 * detector) under a hard deadline and a heap limit, so no text can hold the event loop.
 */
export async function buildApp(
  config: NlpConfig,
  overrides: { readonly logger?: Logger; readonly keyVerifier?: KeyVerifier } = {},
): Promise<HttpApp> {
  const app = await buildStatelessApp({
    config,
    description: 'Language detection, normalisation, tokenisation, entity taggers and keyword statistics.',
    logger: overrides.logger,
    keyVerifier: overrides.keyVerifier,
  });
  const { limits } = config;
  const work = createNlpWork(config, app.log);
  app.addHook('onClose', () => work.close());
  registerLanguageRoute(app, { limits, work });
  registerNormalizeRoute(app, { limits, work });
  registerTokenizeRoute(app, { limits, work });
  registerEntitiesRoute(app, { limits, work });
  registerTaggersRoute(app);
  registerKeywordsRoute(app, { limits, work });
  return app;
}
