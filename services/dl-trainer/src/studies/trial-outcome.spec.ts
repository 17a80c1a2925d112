import { describe, expect, it } from 'vitest';
import type { TrainingRunDocument } from '../registry/training-run.repository.js';
import { intermediateOf, objectiveOf } from './trial-outcome.js';

const at = new Date(0);
const run = (curve: number[], evaluation?: Record<string, unknown>): TrainingRunDocument =>
  ({
    epochs: Object.fromEntries(
      curve.map((f1, i) => [String(i + 1), { metrics: { validationMacroF1: f1, validationAccuracy: f1 + 0.1 }, at }]),
    ),
    ...(evaluation ? { evaluationJson: JSON.stringify(evaluation) } : {}),
  }) as unknown as TrainingRunDocument;

const objective = (metric: 'validationMacroF1' | 'testMacroF1' | 'validationAccuracy') => ({
  metric,
  direction: 'maximize' as const,
});

describe('trial outcome', () => {
  it('reads the per-epoch objective in epoch order, the validation twin for a test objective', () => {
    const curve = run([0.2, 0.5, 0.4]);
    expect(intermediateOf(curve, objective('validationMacroF1')).map((p) => p.value)).toEqual([0.2, 0.5, 0.4]);
    expect(intermediateOf(curve, objective('testMacroF1')).map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(intermediateOf(null, objective('validationMacroF1'))).toEqual([]);
  });

  it('takes a validation objective at the best epoch, else the best over epochs; a test objective from the evaluation', () => {
    expect(objectiveOf(run([0.2, 0.5, 0.4], { bestEpoch: 3, macroF1: 0.45 }), objective('validationMacroF1'))).toBe(
      0.4,
    );
    expect(objectiveOf(run([0.2, 0.5, 0.4]), objective('validationMacroF1'))).toBe(0.5);
    expect(objectiveOf(run([0.2], { bestEpoch: 1, macroF1: 0.45 }), objective('testMacroF1'))).toBe(0.45);
    expect(objectiveOf(run([0.2], { bestEpoch: 1 }), objective('validationAccuracy'))).toBeCloseTo(0.3);
    expect(objectiveOf(run([]), objective('validationMacroF1'))).toBeUndefined();
  });
});
