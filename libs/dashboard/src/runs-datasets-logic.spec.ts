import { describe, expect, it } from 'vitest';
import { describeDropped, describeFilterer } from '../web/pages/datasets/dataset-format.js';
import { confusionOf } from '../web/pages/runs/run-manifest.js';
import { formatDuration, isActive, numberMetric } from '../web/pages/runs/run-format.js';

describe('runs and datasets page logic', () => {
  it('writes durations as people read them', () => {
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('reads number metrics and which statuses can still change', () => {
    expect(numberMetric({ macroF1: 0.8, perClass: {} }, 'macroF1')).toBe(0.8);
    expect(numberMetric({ perClass: {} }, 'perClass')).toBeUndefined();
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].filter(isActive)).toEqual(['queued', 'running']);
  });

  it('takes a confusion matrix only when it is square over the labels', () => {
    const test = { labels: ['a', 'b'], exampleCount: 4, accuracy: 0.5, macroF1: 0.5 };
    expect(
      confusionOf({
        metrics: {
          test: {
            ...test,
            confusionMatrix: [
              [1, 1],
              [1, 1],
            ],
          },
        },
      }),
    ).toEqual({
      labels: ['a', 'b'],
      matrix: [
        [1, 1],
        [1, 1],
      ],
    });
    expect(confusionOf({ metrics: { test: { ...test, confusionMatrix: [[1, 1]] } } })).toBeUndefined();
    expect(confusionOf(undefined)).toBeUndefined();
  });

  it('says what each filterer drops and what a step dropped', () => {
    expect(describeFilterer({ kind: 'text_length', min: 25 })).toBe('texts shorter than 25 characters dropped');
    expect(describeFilterer({ kind: 'text_length', max: 900 })).toBe('texts longer than 900 characters dropped');
    expect(describeFilterer({ kind: 'text_length', min: 5, max: 9 })).toBe('texts outside 5–9 characters dropped');
    expect(describeFilterer({ kind: 'near_duplicates', threshold: 0.9 })).toBe(
      'near duplicates (similarity ≥ 0.9) dropped',
    );
    expect(describeDropped({ too_short: 18, exact_duplicate: 0 })).toBe('too short 18');
    expect(describeDropped({})).toBe('nothing');
  });
});
