import { describe, expect, it } from 'vitest';
import { learningCurveSchema } from './learning-curve.js';

const epoch = (number: number) => ({
  epoch: number,
  trainLoss: 0.9 / number,
  validationLoss: 1 / number,
  validationMacroF1: 0.5,
  validationAccuracy: 0.6,
  learningRate: 0.01,
  seconds: 1.5,
});

describe('learningCurveSchema', () => {
  it('accepts epochs in increasing order', () => {
    expect(learningCurveSchema.parse([epoch(1), epoch(2), epoch(5)])).toHaveLength(3);
    expect(learningCurveSchema.parse([])).toEqual([]);
  });

  it('rejects epochs out of order, missing fields, NaN and unknown fields', () => {
    expect(learningCurveSchema.safeParse([epoch(2), epoch(2)]).success).toBe(false);
    expect(learningCurveSchema.safeParse([epoch(0)]).success).toBe(false);
    expect(learningCurveSchema.safeParse([{ ...epoch(1), trainLoss: Number.NaN }]).success).toBe(false);
    expect(learningCurveSchema.safeParse([{ ...epoch(1), validationMacroF1: 1.5 }]).success).toBe(false);
    expect(learningCurveSchema.safeParse([{ ...epoch(1), extra: true }]).success).toBe(false);
    const { seconds: _seconds, ...withoutSeconds } = epoch(1);
    expect(learningCurveSchema.safeParse([withoutSeconds]).success).toBe(false);
  });
});
