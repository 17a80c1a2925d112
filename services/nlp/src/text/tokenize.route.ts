import { nlpTokenizeRequestSchema, nlpTokenizeResponseSchema, problemSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTokenizer, splitSentences, tokenizerSpec } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';

/** `POST /v1/tokenize`: sentences and tokens with spans, by the tokeniser shared with the ML featurizers. */
export function registerTokenizeRoute(app: HttpApp, deps: { limits: NlpLimits }): void {
  app.post(
    '/v1/tokenize',
    {
      schema: {
        tags: ['nlp'],
        summary: 'Split texts into sentences and tokens',
        description:
          'Spans are UTF-16 offsets into each submitted text. The answer names the tokeniser version and options, which a model manifest stores to tokenise identically at serving time.',
        body: nlpTokenizeRequestSchema,
        response: { 200: nlpTokenizeResponseSchema, 400: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    (request) => {
      const { texts, options, sentences } = request.body;
      enforceTextLimits(texts, deps.limits);
      const tokenizer = createTokenizer(options);
      return {
        tokenizer: tokenizerSpec(tokenizer),
        items: texts.map((text) => ({ sentences: splitSentences(text, sentences), tokens: tokenizer.tokenize(text) })),
      };
    },
  );
}
