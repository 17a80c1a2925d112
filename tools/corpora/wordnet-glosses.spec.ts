import { describe, expect, it } from 'vitest';
import { readWordnetNounGlosses, sampleByClass, toImportLines } from './wordnet-glosses.js';

describe('WordNet gloss corpus', () => {
  const glosses = readWordnetNounGlosses();

  it('reads every noun synset with its gloss and one of the 26 classes', () => {
    expect(glosses.length).toBeGreaterThan(80_000);
    expect(new Set(glosses.map((g) => g.lexname)).size).toBe(26);
    expect(glosses[0]).toEqual({
      synset: '00001740',
      lemma: 'entity',
      lexname: 'noun.Tops',
      gloss: 'that which is perceived or known or inferred to have its own distinct existence (living or nonliving)',
    });
  });

  it('samples the same balanced subset every time and writes import lines with task-safe labels', () => {
    const sample = sampleByClass(glosses, 2);
    expect(sample).toHaveLength(52);
    expect(sampleByClass(glosses, 2)).toEqual(sample);
    const first = JSON.parse(toImportLines(sample).split('\n')[0] ?? '{}') as { labels: { lexname: string } };
    expect(first.labels.lexname).toBe('noun_tops');
  });
});
