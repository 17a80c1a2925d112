import type { TrainingRun } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { epochProgress } from './epoch-progress.js';

const at = '2026-12-05T12:00:00.000Z';
const run = (epochs: number[], planned = 4): TrainingRun =>
  ({
    config: { optimization: { epochs: planned } },
    epochs: epochs.map((epoch) => ({
      epoch,
      at,
      metrics: { trainLoss: 1 / epoch, validationLoss: 2 / epoch, validationMacroF1: 0.5 + epoch / 10, seconds: 2 },
    })),
  }) as unknown as TrainingRun;

describe('epochProgress', () => {
  it('gives each recorded epoch with the ETA at the mean epoch time so far', () => {
    const points = epochProgress(run([1, 2]));
    expect(points).toHaveLength(2);
    expect(points[1]).toMatchObject({ epoch: 2, epochs: 4, trainLoss: 0.5, validationMacroF1: 0.7, etaSeconds: 4 });
  });

  it('leaves out the refit epochs past the planned count', () => {
    expect(epochProgress(run([1, 2, 3, 4, 5, 6])).map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
  });
});
