import { describe, expect, it } from 'vitest';
import { applyDatasetSteps } from './apply-steps.js';
import type { DatasetRow } from './dataset-row.js';

interface SourcedRow extends DatasetRow {
  readonly source: string;
}

const rows: SourcedRow[] = [
  { id: '1', text: 'cheap pills now', label: 'spam', textSha256: 'h1', language: 'en', source: 'a' },
  { id: '2', text: 'cheap pills now', label: 'spam', textSha256: 'h1', language: 'en', source: 'b' },
  { id: '3', text: 'meeting at noon', label: 'easy_ham', textSha256: 'h2', language: 'en', source: 'a' },
  { id: '4', text: 'lunch on friday?', label: 'hard_ham', textSha256: 'h3', source: 'a' },
  { id: '5', text: 'x', label: 'spam', textSha256: 'h4', language: 'en', source: 'a' },
  { id: '6', text: 'newsletter', label: 'promo', textSha256: 'h5', language: 'en', source: 'a' },
  { id: '7', text: 'win a prize', label: 'spam', textSha256: 'h6', language: 'en', source: 'a' },
];

const steps = {
  adapters: [
    {
      kind: 'label_map' as const,
      map: { easy_ham: 'ham', hard_ham: 'ham', spam: 'spam' },
      dropUnmapped: true,
    },
  ],
  filterers: [
    { kind: 'exact_duplicates' as const },
    { kind: 'text_length' as const, min: 2 },
    { kind: 'min_examples_per_label' as const, min: 2 },
  ],
};

describe('applyDatasetSteps', () => {
  it('applies the adapters then the filterers in order, recording each step', () => {
    const result = applyDatasetSteps(rows, steps);
    expect(result.steps).toEqual([
      { step: 'adapter:label_map', rowsIn: 7, rowsOut: 6, dropped: { unmapped_label: 1 } },
      { step: 'filterer:exact_duplicates', rowsIn: 6, rowsOut: 5, dropped: { exact_duplicate: 1 } },
      { step: 'filterer:text_length', rowsIn: 5, rowsOut: 4, dropped: { too_short: 1 } },
      { step: 'filterer:min_examples_per_label', rowsIn: 4, rowsOut: 4, dropped: {} },
    ]);
    expect(result.rows.map((row) => [row.id, row.label, row.source])).toEqual([
      ['1', 'spam', 'a'],
      ['3', 'ham', 'a'],
      ['4', 'ham', 'a'],
      ['7', 'spam', 'a'],
    ]);
  });

  it('is deterministic, leaves its input alone and records nothing for no steps', () => {
    const before = structuredClone(rows);
    expect(applyDatasetSteps(rows, steps)).toEqual(applyDatasetSteps(rows, steps));
    expect(rows).toEqual(before);
    const none = applyDatasetSteps(rows, { adapters: [], filterers: [] });
    expect(none).toEqual({ rows, steps: [] });
    expect(none.rows).not.toBe(rows);
  });

  it('lets the order of the filterers decide what survives', () => {
    const rareFirst = applyDatasetSteps(rows, {
      adapters: [],
      filterers: [
        { kind: 'min_examples_per_label', min: 2 },
        { kind: 'language', allow: ['en'] },
      ],
    });
    expect(rareFirst.rows.map((row) => row.id)).toEqual(['1', '2', '5', '7']);
    expect(rareFirst.steps.map((step) => step.dropped)).toEqual([{ rare_label: 3 }, {}]);
  });
});
