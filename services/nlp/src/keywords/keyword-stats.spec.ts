import { describe, expect, it } from 'vitest';
import { keywordStatistics } from './keyword-stats.js';
import { ENGLISH_STOPWORDS } from './stopwords-en.js';

const noStopwords = { top: 10, stopwords: new Set<string>() };

describe('keywordStatistics', () => {
  it('ranks one text by relative frequency and counts tokens and types', () => {
    const result = keywordStatistics([['spam', 'spam', 'eggs', 'the', 'spam']], {
      top: 2,
      stopwords: ENGLISH_STOPWORDS,
    });
    expect(result.documents).toBe(1);
    expect(result.stats).toEqual({ tokens: 5, types: 3, typeTokenRatio: 0.6 });
    expect(result.terms).toEqual([
      { term: 'spam', tf: 3, df: 1, score: 0.6 },
      { term: 'eggs', tf: 1, df: 1, score: 0.2 },
    ]);
    expect(result.items).toEqual([{ stats: result.stats, terms: result.terms }]);
  });

  it('weighs terms by inverse document frequency across texts', () => {
    const result = keywordStatistics(
      [
        ['cat', 'dog', 'fish'],
        ['cat', 'dog', 'bird'],
        ['cat', 'cow', 'cow'],
      ],
      noStopwords,
    );
    const idf = (df: number) => Math.log(4 / (1 + df)) + 1;
    const first = result.items[0]?.terms ?? [];
    expect(first.map((t) => t.term)).toEqual(['fish', 'dog', 'cat']);
    expect(first[0]?.score).toBeCloseTo(idf(1) / 3, 6);
    expect(first[2]).toEqual({ term: 'cat', tf: 1, df: 3, score: expect.closeTo(idf(3) / 3, 6) as number });
    expect(result.terms[0]).toEqual({
      term: 'cow',
      tf: 2,
      df: 1,
      score: expect.closeTo(((2 / 3) * idf(1)) / 3, 6) as number,
    });
    expect(result.stats).toEqual({ tokens: 9, types: 5, typeTokenRatio: 0.555556 });
  });

  it('leaves stop words out of the rankings but not out of the counts', () => {
    const result = keywordStatistics([["don't", 'don’t', 'The', 'model', 'the']], {
      top: 5,
      stopwords: ENGLISH_STOPWORDS,
    });
    expect(result.terms.map((t) => t.term)).toEqual(['model']);
    expect(result.stats.tokens).toBe(5);
  });

  it('orders ties deterministically and limits to top', () => {
    const result = keywordStatistics([['b', 'a', 'c']], { top: 2, stopwords: new Set() });
    expect(result.terms.map((t) => t.term)).toEqual(['a', 'b']);
  });

  it('handles texts without tokens', () => {
    const result = keywordStatistics([[], ['word']], noStopwords);
    expect(result.items[0]).toEqual({ stats: { tokens: 0, types: 0, typeTokenRatio: 0 }, terms: [] });
    expect(result.stats).toEqual({ tokens: 1, types: 1, typeTokenRatio: 1 });
  });
});
