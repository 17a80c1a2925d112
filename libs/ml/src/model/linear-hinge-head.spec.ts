import { describe, expect, it } from 'vitest';
import { useBackend } from './backend.js';
import { headGradients } from './dense-head.js';
import { initializeWeights } from './initialize.js';
import { linearSquaredHingeGradients } from './linear-hinge-head.js';
import { modelSpecSchema } from './model-spec.js';

describe('the linear squared-hinge head in TypeScript', () => {
  it('gives the loss and gradients TensorFlow.js autodiff gives', async () => {
    await useBackend('auto');
    const weights = initializeWeights(modelSpecSchema.parse({ kind: 'linear' }), 5, 3, 1);
    weights.embeddingBias?.set([0.2, -0.4, 0.1]);
    const pooled = Float32Array.from([0.5, -1.2, 0.3, 2, 0.1, -0.7, -0.2, 0.9, 1.4, 0, 0, 0]);
    const targets = Int32Array.from([0, 1, 2, 1]);
    const exampleWeights = Float32Array.from([1, 0.5, 2, 1]);
    const viaTfjs = headGradients(weights, pooled, targets, exampleWeights, 'squared_hinge');
    const direct = linearSquaredHingeGradients(weights, pooled, targets, exampleWeights);
    expect(direct.loss).toBeCloseTo(viaTfjs.loss, 5);
    direct.pooled.forEach((value, i) => expect(value).toBeCloseTo(viaTfjs.pooled[i] ?? NaN, 5));
    direct.parameters[0]?.forEach((value, i) => expect(value).toBeCloseTo(viaTfjs.parameters[0]?.[i] ?? NaN, 5));
  });
});
