import { describe, expect, it } from 'vitest';
import { trainingOptionsSchema } from './training-options.js';

function issuesOf(config: unknown): { path: string; message: string }[] {
  const parsed = trainingOptionsSchema.safeParse(config);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('optimizer settings', () => {
  it('accepts dual_cd on the linear model with its settings and defaults C and tolerance', () => {
    const parsed = trainingOptionsSchema.parse({ optimization: { optimizer: 'dual_cd', C: 0.5, epochs: 50 } });
    expect(parsed.optimization).toMatchObject({ optimizer: 'dual_cd', C: 0.5, tolerance: 0.1, epochs: 50 });
    expect(trainingOptionsSchema.parse({}).optimization).toMatchObject({ C: 1, tolerance: 0.1 });
  });

  it('rejects dual_cd on a network, naming optimization.optimizer', () => {
    expect(issuesOf({ model: { kind: 'mlp' }, optimization: { optimizer: 'dual_cd' } })).toContainEqual({
      path: 'optimization.optimizer',
      message: 'dual_cd trains the linear model only, not model.kind mlp',
    });
  });

  it('rejects dual_cd with the softmax loss, naming optimization.loss', () => {
    expect(issuesOf({ optimization: { optimizer: 'dual_cd', loss: 'softmax' } })).toEqual([
      {
        path: 'optimization.loss',
        message: 'dual_cd solves the squared hinge only; use optimizer sgd or adam for softmax',
      },
    ]);
  });

  it('rejects gradient-descent settings given for dual_cd, one issue per field', () => {
    const issues = issuesOf({ optimization: { optimizer: 'dual_cd', learningRate: 0.1, batchSize: 8 } });
    expect(issues.map((issue) => issue.path)).toEqual(['optimization.learningRate', 'optimization.batchSize']);
    expect(issues[0]?.message).toContain('dual_cd does not use it');
  });

  it('rejects C or tolerance given for another optimizer', () => {
    expect(issuesOf({ optimization: { optimizer: 'sgd', C: 2 } })).toEqual([
      { path: 'optimization.C', message: 'C is a setting of optimizer dual_cd, not of sgd' },
    ]);
    expect(issuesOf({ model: { kind: 'embedding_bag' }, optimization: { tolerance: 0.01 } })[0]?.path).toBe(
      'optimization.tolerance',
    );
  });

  it('parses a resolved config again unchanged, defaults included, whatever the optimizer', () => {
    for (const config of [
      {},
      { optimization: { optimizer: 'dual_cd', C: 0.5 } },
      { model: { kind: 'mlp' } },
      { optimization: { optimizer: 'adam', learningRate: 0.02 } },
    ]) {
      const resolved = trainingOptionsSchema.parse(config);
      expect(trainingOptionsSchema.parse(JSON.parse(JSON.stringify(resolved)))).toEqual(resolved);
    }
  });
});
