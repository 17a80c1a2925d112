import { nlpTaggerOptionsSchema } from '@mlops/contracts';
import { DEFAULT_TAGGER_OPTIONS } from '@mlops/text';
import { describe, expect, it } from 'vitest';

/** The taggers keep their defaults next to their code; the API contract must announce the same ones. */
describe('tagger options of the API contract', () => {
  it('have the taggers’ default options', () => {
    expect(nlpTaggerOptionsSchema.parse({})).toEqual(DEFAULT_TAGGER_OPTIONS);
  });
});
