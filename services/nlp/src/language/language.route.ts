import { nlpLanguageRequestSchema, nlpLanguageResponseSchema, problemSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import type { LanguageDetector } from './language-detector.js';

/** `POST /v1/language`: the language of each text. */
export function registerLanguageRoute(app: HttpApp, deps: { limits: NlpLimits; detector: LanguageDetector }): void {
  app.post(
    '/v1/language',
    {
      schema: {
        tags: ['nlp'],
        summary: 'Detect the language of texts',
        description:
          'ISO 639-1 and 639-3 codes, a confidence and the next best guesses per text (eld, 60 languages). Texts with too few letters, once URLs, e-mail addresses and numbers are removed, are `und` with confidence 0.',
        body: nlpLanguageRequestSchema,
        response: { 200: nlpLanguageResponseSchema, 400: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    (request) => {
      enforceTextLimits(request.body.texts, deps.limits);
      return {
        detector: { name: deps.detector.name, database: deps.detector.database },
        items: request.body.texts.map((text) => deps.detector.detect(text)),
      };
    },
  );
}
