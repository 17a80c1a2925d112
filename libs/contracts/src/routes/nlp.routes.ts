import { nlpLanguageRequestSchema, nlpLanguageResponseSchema } from '../nlp.js';
import { defineRoute } from '../route.js';

const service = 'nlp';

/** The routes of nlp: pure functions of their body, so every one is idempotent. */
export const nlpRoutes = {
  language: defineRoute({
    service,
    method: 'POST',
    path: '/v1/language',
    tags: ['nlp'],
    scope: 'ingest',
    summary: 'Detect the language of texts',
    description:
      'ISO 639-1 and 639-3 codes, a confidence and the next best guesses per text (eld, 60 languages). Texts with too few letters, once URLs, e-mail addresses and numbers are removed, are `und` with confidence 0.',
    body: nlpLanguageRequestSchema,
    responses: { 200: nlpLanguageResponseSchema },
    errors: [400, 413, 415],
    idempotent: true,
  }),
} as const;
