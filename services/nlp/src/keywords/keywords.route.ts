import { nlpRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { createTokenizer } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import { keywordStatistics } from './keyword-stats.js';
import { ENGLISH_STOPWORDS } from './stopwords-en.js';

const STOPWORDS = { en: ENGLISH_STOPWORDS, none: new Set<string>() } as const;

/** `POST /v1/keywords`: term statistics and TF-IDF keywords of one text or a set. */
export function registerKeywordsRoute(app: HttpApp, deps: { limits: NlpLimits }): void {
  registerRoute(app, nlpRoutes.keywords, (request) => {
    const { texts, top, stopwords, tokenizer: options } = request.body;
    enforceTextLimits(texts, deps.limits);
    const tokenizer = createTokenizer(options);
    const tokenised = texts.map((text) => tokenizer.tokenize(text).map((token) => token.text));
    return keywordStatistics(tokenised, { top, stopwords: STOPWORDS[stopwords] });
  });
}
