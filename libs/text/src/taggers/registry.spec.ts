import { describe, expect, it } from 'vitest';
import { findTagger, runTaggers, TAGGERS } from './registry.js';
import { DEFAULT_TAGGER_OPTIONS } from './tagger.js';

describe('tagger registry', () => {
  it('has unique lower-case names, a description and examples for each tagger', () => {
    const names = TAGGERS.map((tagger) => tagger.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tagger of TAGGERS) {
      expect(tagger.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(tagger.description.length).toBeGreaterThan(20);
      expect(tagger.examples.length).toBeGreaterThan(0);
      expect(findTagger(tagger.name)).toBe(tagger);
    }
    expect(findTagger('nope')).toBeUndefined();
  });

  it.each(TAGGERS.flatMap((tagger) => tagger.examples.map((example) => [tagger.name, example] as const)))(
    '%s yields its example value for %j',
    (name, example) => {
      const hits = findTagger(name)?.tag(example.text, DEFAULT_TAGGER_OPTIONS) ?? [];
      expect(hits).toHaveLength(1);
      expect(hits[0]?.value).toEqual(example.value);
      expect(example.text.slice(hits[0]?.start, hits[0]?.end)).toBe(hits[0]?.text);
    },
  );

  it('merges hits of several taggers by position', () => {
    const text =
      'Invoice 2024-03-05: pay €1.234,56 (+20% VAT) to DE89 3704 0044 0532 0130 00, questions to billing@example.com or +49 30 1234567, see https://example.com/invoice.';
    expect(runTaggers(text, TAGGERS, DEFAULT_TAGGER_OPTIONS).map((h) => [h.tagger, h.text])).toEqual([
      ['date', '2024-03-05'],
      ['money', '€1.234,56'],
      ['percentage', '+20%'],
      ['iban', 'DE89 3704 0044 0532 0130 00'],
      ['email', 'billing@example.com'],
      ['phone', '+49 30 1234567'],
      ['url', 'https://example.com/invoice'],
    ]);
  });

  it('is deterministic and returns nothing for empty text', () => {
    const text = 'Call 01 23 45 67 89 on 05/03/2024 about 12 €.';
    expect(runTaggers(text, TAGGERS, DEFAULT_TAGGER_OPTIONS)).toEqual(
      runTaggers(text, TAGGERS, DEFAULT_TAGGER_OPTIONS),
    );
    expect(runTaggers('', TAGGERS, DEFAULT_TAGGER_OPTIONS)).toEqual([]);
  });
});
