import { describe, expect, it } from 'vitest';
import { liveAccuracy } from './live-accuracy.js';

describe('liveAccuracy', () => {
  it('gives accuracy, recall and precision per version and role from the confusion counts', () => {
    const result = liveAccuracy({
      logged: [
        { version: 1, role: 'production', count: 10 },
        { version: 2, role: 'shadow', count: 10 },
        { version: 3, role: 'canary', count: 4 },
      ],
      confusion: [
        { version: 1, role: 'production', predicted: 'a', truth: 'a', count: 3 },
        { version: 1, role: 'production', predicted: 'a', truth: 'noun.b', count: 1 },
        { version: 1, role: 'production', predicted: 'noun.b', truth: 'noun.b', count: 2 },
        { version: 2, role: 'shadow', predicted: 'noun.b', truth: 'a', count: 6 },
      ],
    });
    expect(result).toEqual([
      {
        version: 1,
        role: 'production',
        logged: 10,
        withFeedback: 6,
        correct: 5,
        accuracy: 5 / 6,
        labels: [
          { label: 'a', support: 3, predicted: 4, correct: 3, recall: 1, precision: 0.75 },
          { label: 'noun.b', support: 3, predicted: 2, correct: 2, recall: 2 / 3, precision: 1 },
        ],
      },
      {
        version: 2,
        role: 'shadow',
        logged: 10,
        withFeedback: 6,
        correct: 0,
        accuracy: 0,
        labels: [
          { label: 'a', support: 6, predicted: 0, correct: 0, recall: 0, precision: null },
          { label: 'noun.b', support: 0, predicted: 6, correct: 0, recall: null, precision: 0 },
        ],
      },
      { version: 3, role: 'canary', logged: 4, withFeedback: 0, correct: 0, accuracy: null, labels: [] },
    ]);
  });
});
