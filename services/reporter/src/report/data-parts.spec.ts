import { describe, expect, it } from 'vitest';
import { buildTextLength, clipLongTail, densityUnit, quantileOf, QUANTILE_SNAP } from './data-parts.js';
import type { ManifestSections } from './manifest-sections.js';

/** The SpamAssassin training texts' decile histogram (3,953 texts), as the manifest records it. */
const SPAM = {
  edges: [290, 492, 659, 827, 1030, 1234, 1561, 2157, 3621, 194815.000194815],
  shares: [
    0.09967113584619276, 0.1001770806982039, 0.09992410827219833, 0.1001770806982039, 0.0994181634201872,
    0.1001770806982039, 0.1001770806982039, 0.1001770806982039, 0.09992410827219833, 0.1001770806982039, 0,
  ],
};

/** The WordNet noun glosses' (57,116 texts). */
const WORDNET = {
  edges: [29, 38, 47, 56, 66, 77, 90, 106, 134, 476.000000476],
  shares: [
    0.09683801386651726, 0.09463197702920373, 0.10054975838644163, 0.09704811261292808, 0.10398137124448491,
    0.10401638770222005, 0.10151271097415786, 0.09648784928916591, 0.10354366552279572, 0.10139015337208487, 0,
  ],
};

const sections = (histogram: { edges: number[]; shares: number[] }): ManifestSections => ({
  textLength: histogram,
  trainingExamples: 100,
});

const textLength = (histogram: { edges: number[]; shares: number[] }) => {
  const part = buildTextLength(sections(histogram));
  if (!part.available) throw new Error(part.missing);
  return part.value;
};

describe('quantileOf', () => {
  const bins = [
    { from: 0, to: 10, share: 0.2 },
    { from: 10, to: 20, share: 0.4 },
    { from: 20, to: 100, share: 0.4 },
  ];

  it('interpolates inside the bin that crosses the share', () => {
    expect(quantileOf(bins, 0.5)).toBeCloseTo(17.5, 10);
    expect(quantileOf(bins, 0.1)).toBeCloseTo(5, 10);
    expect(quantileOf(bins, 0.8)).toBeCloseTo(60, 10);
  });

  it('names the recorded cut point when the cumulative share is within half a point of the share', () => {
    // 0.8999 up to 20 is "9 in 10" once rounded: the edge, not a guess far into the wide last bin.
    const nearly = [
      { from: 0, to: 20, share: 0.8999 },
      { from: 20, to: 200_000, share: 0.1001 },
    ];
    expect(quantileOf(nearly, 0.9)).toBe(20);
    expect(quantileOf(bins, 0.6)).toBe(20);
    expect(quantileOf([{ from: 0, to: 10, share: 0.5 + QUANTILE_SNAP * 2 }], 0.5)).toBeCloseTo(10 / 1.02, 10);
  });

  it('is null when the bins hold less than the share', () => {
    expect(quantileOf([{ from: 0, to: 10, share: 0.3 }], 0.5)).toBeNull();
    expect(quantileOf([], 0.5)).toBeNull();
  });
});

describe('buildTextLength', () => {
  it('states the SpamAssassin median and 90th percentile at their decile edges, not a decile higher', () => {
    const view = textLength(SPAM);
    // 49.94% of the texts are shorter than 1,030 and 89.98% shorter than 3,621.
    expect(view.median).toBe(1030);
    expect(view.p90).toBe(3621);
  });

  it('interpolates the WordNet median inside its bin (49.3% are shorter than 66)', () => {
    const view = textLength(WORDNET);
    expect(view.median).toBeGreaterThan(66);
    expect(view.median).toBeLessThan(67);
    expect(view.p90).toBe(134);
  });

  it('leaves the long tail off the axis and picks a density unit with readable percent ticks', () => {
    const spam = textLength(SPAM);
    expect(spam.clipped).toEqual({ from: 3621, to: 194815.000194815, share: SPAM.shares[9] });
    expect(spam.shown.at(-1)?.to).toBe(3621);
    expect(spam.shown).toHaveLength(9);
    expect(spam.bins).toHaveLength(10);
    expect(spam.unit).toBe(100);
    expect(textLength(WORDNET).unit).toBe(10);
  });
});

describe('clipLongTail and densityUnit', () => {
  it('keeps every bin when the top one is not wider than the others together', () => {
    const even = [
      { from: 0, to: 10, share: 0.5 },
      { from: 10, to: 20, share: 0.3 },
      { from: 20, to: 35, share: 0.2 },
    ];
    expect(clipLongTail(even)).toEqual({ shown: even, clipped: null });
    expect(clipLongTail(even.slice(0, 2))).toEqual({ shown: even.slice(0, 2), clipped: null });
  });

  it('gives the tallest bar at least 5% per unit', () => {
    expect(densityUnit([{ from: 0, to: 10, share: 1 }])).toBe(1);
    expect(densityUnit([{ from: 0, to: 1000, share: 1 }])).toBe(100);
    expect(densityUnit([])).toBe(1);
  });
});
