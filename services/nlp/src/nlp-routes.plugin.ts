import type { HttpApp } from '@mlops/http';
import type { NlpLimits } from './config.js';
import { registerEntitiesRoute } from './entities/entities.route.js';
import { registerTaggersRoute } from './entities/taggers.route.js';
import { registerKeywordsRoute } from './keywords/keywords.route.js';
import type { LanguageDetector } from './language/language-detector.js';
import { registerLanguageRoute } from './language/language.route.js';
import { registerNormalizeRoute } from './text/normalize.route.js';
import { registerTokenizeRoute } from './text/tokenize.route.js';

export interface NlpRoutesOptions {
  readonly limits: NlpLimits;
  readonly detector: LanguageDetector;
}

/** The nlp API (encapsulated route plugin): language, normalisation, tokens, entities, keywords. */
export function nlpRoutes(app: HttpApp, options: NlpRoutesOptions, done: (error?: Error) => void): void {
  registerLanguageRoute(app, options);
  registerNormalizeRoute(app, options);
  registerTokenizeRoute(app, options);
  registerEntitiesRoute(app, options);
  registerTaggersRoute(app);
  registerKeywordsRoute(app, options);
  done();
}
