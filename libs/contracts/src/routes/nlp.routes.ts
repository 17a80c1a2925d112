import {
  nlpEntitiesRequestSchema,
  nlpEntitiesResponseSchema,
  nlpKeywordsRequestSchema,
  nlpKeywordsResponseSchema,
  nlpLanguageRequestSchema,
  nlpLanguageResponseSchema,
  nlpNormalizeRequestSchema,
  nlpNormalizeResponseSchema,
  nlpTaggersResponseSchema,
  nlpTokenizeRequestSchema,
  nlpTokenizeResponseSchema,
} from '../nlp.js';
import { defineRoute } from '../route.js';

const service = 'nlp';
/**
 * Invalid body, too many texts or characters, not JSON; 422 when the work ran past its deadline
 * (`NLP_TIMEOUT`) or heap limit (`NLP_MEMORY_LIMIT`); 503 with Retry-After when every worker is busy.
 */
const TEXT_ERRORS = [400, 413, 415, 422, 503] as const;
const TEXT_TIMEOUT_CODES = ['NLP_TIMEOUT'] as const;

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
    errors: TEXT_ERRORS,
    timeoutCodes: TEXT_TIMEOUT_CODES,
    idempotent: true,
  }),
  normalize: defineRoute({
    service,
    method: 'POST',
    path: '/v1/normalize',
    tags: ['nlp'],
    scope: 'ingest',
    summary: 'Normalise texts',
    description:
      'Removes invisible characters, applies a Unicode normalisation form (NFKC by default), optionally strips accents and folds case, then collapses whitespace.',
    body: nlpNormalizeRequestSchema,
    responses: { 200: nlpNormalizeResponseSchema },
    errors: TEXT_ERRORS,
    timeoutCodes: TEXT_TIMEOUT_CODES,
    idempotent: true,
  }),
  tokenize: defineRoute({
    service,
    method: 'POST',
    path: '/v1/tokenize',
    tags: ['nlp'],
    scope: 'ingest',
    summary: 'Split texts into sentences and tokens',
    description:
      'Spans are UTF-16 offsets into each submitted text. The answer names the tokeniser version and options, which a model manifest stores to tokenise identically at serving time.',
    body: nlpTokenizeRequestSchema,
    responses: { 200: nlpTokenizeResponseSchema },
    errors: TEXT_ERRORS,
    timeoutCodes: TEXT_TIMEOUT_CODES,
    idempotent: true,
  }),
  entities: defineRoute({
    service,
    method: 'POST',
    path: '/v1/entities',
    tags: ['nlp'],
    scope: 'ingest',
    summary: 'Find entities with the expert-rule taggers',
    description:
      'Runs the named taggers (all by default; see GET /v1/taggers) over each text. Each hit has its tagger, span, matched text and normalised value. Hits of different taggers may overlap.',
    body: nlpEntitiesRequestSchema,
    responses: { 200: nlpEntitiesResponseSchema },
    errors: TEXT_ERRORS,
    timeoutCodes: TEXT_TIMEOUT_CODES,
    idempotent: true,
  }),
  taggers: defineRoute({
    service,
    method: 'GET',
    path: '/v1/taggers',
    tags: ['nlp'],
    scope: 'read',
    summary: 'List the entity taggers',
    description: 'Names to use in POST /v1/entities, what each finds, and examples with the value they yield.',
    responses: { 200: nlpTaggersResponseSchema },
    errors: [],
  }),
  keywords: defineRoute({
    service,
    method: 'POST',
    path: '/v1/keywords',
    tags: ['nlp'],
    scope: 'ingest',
    summary: 'Keyword statistics of texts',
    description:
      'Tokenises each text, counts tokens and types, and ranks terms by TF-IDF across the set (relative frequency × smoothed idf), per text and overall. Stop words are left out of the rankings, not out of the counts.',
    body: nlpKeywordsRequestSchema,
    responses: { 200: nlpKeywordsResponseSchema },
    errors: TEXT_ERRORS,
    timeoutCodes: TEXT_TIMEOUT_CODES,
    idempotent: true,
  }),
} as const;
