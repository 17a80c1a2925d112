import { describe, expect, it } from 'vitest';
import type { DatasetRow } from './dataset-row.js';
import { dropNearDuplicates, estimatedJaccard, minHashSignature } from './near-duplicates.js';
import { applyAdapter, applyFilterer } from './pipeline-steps.js';

let counter = 0;
function row(label: string, text: string, language: string | null = 'en', textSha256?: string): DatasetRow {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    textSha256: textSha256 ?? `sha-${text}`,
    text,
    label,
    language: language ?? undefined,
  };
}

const LOREM =
  'the quick brown fox jumps over the lazy dog while the farmer sleeps under the old oak tree near the river bank in the warm afternoon sun';

describe('adapters', () => {
  it('renames and merges labels, keeping or dropping unmapped ones', () => {
    const rows = [row('easy_ham', 'a'), row('hard_ham', 'b'), row('spam', 'c'), row('other', 'd')];
    const merged = applyAdapter(rows, {
      kind: 'label_map',
      map: { easy_ham: 'ham', hard_ham: 'ham' },
      dropUnmapped: false,
    });
    expect(merged.rows.map((r) => r.label)).toEqual(['ham', 'ham', 'spam', 'other']);
    const strict = applyAdapter(rows, {
      kind: 'label_map',
      map: { easy_ham: 'ham', hard_ham: 'ham', spam: 'spam' },
      dropUnmapped: true,
    });
    expect(strict.rows.map((r) => r.label)).toEqual(['ham', 'ham', 'spam']);
    expect(strict.dropped).toEqual({ unmapped_label: 1 });
  });
});

describe('filterers', () => {
  it('drops labels with too few examples', () => {
    const result = applyFilterer([row('a', '1'), row('a', '2'), row('b', '3')], {
      kind: 'min_examples_per_label',
      min: 2,
    });
    expect(result.rows.map((r) => r.label)).toEqual(['a', 'a']);
    expect(result.dropped).toEqual({ rare_label: 1 });
  });

  it('keeps texts within the length bounds', () => {
    const result = applyFilterer([row('a', 'x'), row('a', 'xxxxx'), row('a', 'x'.repeat(50))], {
      kind: 'text_length',
      min: 2,
      max: 10,
    });
    expect(result.rows.map((r) => r.text.length)).toEqual([5]);
    expect(result.dropped).toEqual({ too_short: 1, too_long: 1 });
  });

  it('keeps allowed languages only', () => {
    const result = applyFilterer([row('a', '1', 'en'), row('a', '2', 'de'), row('a', '3', null)], {
      kind: 'language',
      allow: ['en'],
    });
    expect(result.rows).toHaveLength(1);
    expect(result.dropped).toEqual({ other_language: 1, unknown_language: 1 });
  });

  it('keeps the first of identical texts and drops texts whose copies disagree on the label', () => {
    const rows = [
      row('a', 'same', 'en', 'h1'),
      row('a', 'same', 'en', 'h1'),
      row('a', 'clash', 'en', 'h2'),
      row('b', 'clash', 'en', 'h2'),
    ];
    const result = applyFilterer(rows, { kind: 'exact_duplicates' });
    expect(result.rows).toEqual([rows[0]]);
    expect(result.dropped).toEqual({ exact_duplicate: 1, conflicting_labels: 2 });
  });

  it('drops near duplicates but keeps texts that merely share words', () => {
    const rows = [
      row('a', LOREM),
      row('a', `${LOREM} today`),
      row('a', LOREM.split(' ').reverse().join(' ')),
      row('a', 'an entirely different sentence about machine learning operations and model serving at scale'),
    ];
    const result = applyFilterer(rows, { kind: 'near_duplicates', threshold: 0.8 });
    expect(result.rows).toEqual([rows[0], rows[2], rows[3]]);
    expect(result.dropped).toEqual({ near_duplicate: 1 });
  });

  it('estimates Jaccard similarity from MinHash signatures', () => {
    expect(estimatedJaccard(minHashSignature(LOREM), minHashSignature(LOREM))).toBe(1);
    expect(
      estimatedJaccard(minHashSignature(LOREM), minHashSignature('completely unrelated words here and there')),
    ).toBeLessThan(0.2);
    expect(dropNearDuplicates([], 0.9)).toEqual({ rows: [], dropped: {} });
  });
});
