import { nlpRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import type { LanguageDetector } from './language-detector.js';

/** `POST /v1/language`: the language of each text. */
export function registerLanguageRoute(app: HttpApp, deps: { limits: NlpLimits; detector: LanguageDetector }): void {
  registerRoute(app, nlpRoutes.language, (request) => {
    enforceTextLimits(request.body.texts, deps.limits);
    return {
      detector: { name: deps.detector.name, database: deps.detector.database },
      items: request.body.texts.map((text) => deps.detector.detect(text)),
    };
  });
}
