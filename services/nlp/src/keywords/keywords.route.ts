import { nlpKeywordsRequestSchema, nlpKeywordsResponseSchema, problemSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTokenizer } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import { keywordStatistics } from './keyword-stats.js';
import { ENGLISH_STOPWORDS } from './stopwords-en.js';

const STOPWORDS = { en: ENGLISH_STOPWORDS, none: new Set<string>() } as const;

/** `POST /v1/keywords`: term statistics and TF-IDF keywords of one text or a set. */
export function registerKeywordsRoute(app: HttpApp, deps: { limits: NlpLimits }): void {
  app.post(
    '/v1/keywords',
    {
      schema: {
        tags: ['nlp'],
        summary: 'Keyword statistics of texts',
        description:
          'Tokenises each text, counts tokens and types, and ranks terms by TF-IDF across the set (relative frequency × smoothed idf), per text and overall. Stop words are left out of the rankings, not out of the counts.',
        body: nlpKeywordsRequestSchema,
        response: { 200: nlpKeywordsResponseSchema, 400: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    (request) => {
      const { texts, top, stopwords, tokenizer: options } = request.body;
      enforceTextLimits(texts, deps.limits);
      const tokenizer = createTokenizer(options);
      const tokenised = texts.map((text) => tokenizer.tokenize(text).map((token) => token.text));
      return keywordStatistics(tokenised, { top, stopwords: STOPWORDS[stopwords] });
    },
  );
}
