import { nlpRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { createTokenizer, splitSentences, tokenizerSpec } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';

/** `POST /v1/tokenize`: sentences and tokens with spans, by the tokeniser shared with the ML featurizers. */
export function registerTokenizeRoute(app: HttpApp, deps: { limits: NlpLimits }): void {
  registerRoute(app, nlpRoutes.tokenize, (request) => {
    const { texts, options, sentences } = request.body;
    enforceTextLimits(texts, deps.limits);
    const tokenizer = createTokenizer(options);
    return {
      tokenizer: tokenizerSpec(tokenizer),
      items: texts.map((text) => ({ sentences: splitSentences(text, sentences), tokens: tokenizer.tokenize(text) })),
    };
  });
}
