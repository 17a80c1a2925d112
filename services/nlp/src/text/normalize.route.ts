import { nlpNormalizeRequestSchema, nlpNormalizeResponseSchema, problemSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { normalizeText } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';

/** `POST /v1/normalize`: Unicode and whitespace normalisation, optional case folding and accent stripping. */
export function registerNormalizeRoute(app: HttpApp, deps: { limits: NlpLimits }): void {
  app.post(
    '/v1/normalize',
    {
      schema: {
        tags: ['nlp'],
        summary: 'Normalise texts',
        description:
          'Removes invisible characters, applies a Unicode normalisation form (NFKC by default), optionally strips accents and folds case, then collapses whitespace.',
        body: nlpNormalizeRequestSchema,
        response: { 200: nlpNormalizeResponseSchema, 400: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    (request) => {
      const { texts, options } = request.body;
      enforceTextLimits(texts, deps.limits);
      return { options, items: texts.map((text) => ({ text: normalizeText(text, options) })) };
    },
  );
}
