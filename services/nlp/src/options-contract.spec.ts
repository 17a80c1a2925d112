import {
  nlpNormalizeOptionsSchema,
  nlpSentenceOptionsSchema,
  nlpTaggerOptionsSchema,
  nlpTokenizerOptionsSchema,
} from '@mlops/contracts';
import { normalizeOptionsSchema, sentenceOptionsSchema, tokenizerOptionsSchema } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_TAGGER_OPTIONS } from './taggers/tagger.js';

/** libs/contracts cannot import @mlops/text, so it mirrors its option schemas; these tests keep both the same. */
describe('option schemas of the API contract', () => {
  it.each([
    ['normalisation', nlpNormalizeOptionsSchema, normalizeOptionsSchema],
    ['sentences', nlpSentenceOptionsSchema, sentenceOptionsSchema],
    ['tokeniser', nlpTokenizerOptionsSchema, tokenizerOptionsSchema],
  ] as const)('match @mlops/text for %s', (_name, contract, library) => {
    expect(z.toJSONSchema(contract)).toEqual(z.toJSONSchema(library));
    expect(contract.parse({})).toEqual(library.parse({}));
  });

  it('refuse the same tokeniser options as @mlops/text', () => {
    for (const bad of [{ minLength: 3, maxLength: 2 }, { maxLength: 0 }, { lowercase: 1 }, { stem: true }]) {
      expect(nlpTokenizerOptionsSchema.safeParse(bad).success).toBe(false);
      expect(tokenizerOptionsSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('have the taggers’ default options', () => {
    expect(nlpTaggerOptionsSchema.parse({})).toEqual(DEFAULT_TAGGER_OPTIONS);
  });
});
