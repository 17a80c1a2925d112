import { describe, expect, it } from 'vitest';
import { trainingOptionsSchema } from '../config/training-options.js';
import { refitOnAllRows } from './refit.js';

const rows = Array.from({ length: 40 }, (_, i) => ({
  text: i % 2 === 0 ? `cheap pills offer ${i}` : `meeting notes agenda ${i}`,
  label: i % 2 === 0 ? 'spam' : 'ham',
}));
const options = trainingOptionsSchema.parse({ featurizer: { wordNgrams: null }, optimization: { epochs: 5 } });

describe('refitOnAllRows', () => {
  it('fits the featurizer on every row, stops at the given epoch of the planned schedule and applies the temperature', async () => {
    const base = { options, rows, labels: ['ham', 'spam'], seed: 3 };
    const plain = await refitOnAllRows({ ...base, epochs: 2, temperature: 1 });
    expect(plain.featurizer.vocabulary.idOf('39')).toBeDefined();
    const again = await refitOnAllRows({ ...base, epochs: 2, temperature: 1 });
    expect(Buffer.from(again.weights.embedding.buffer).equals(Buffer.from(plain.weights.embedding.buffer))).toBe(true);
    const longer = await refitOnAllRows({ ...base, epochs: 5, temperature: 1 });
    expect(Buffer.from(longer.weights.embedding.buffer).equals(Buffer.from(plain.weights.embedding.buffer))).toBe(
      false,
    );
    const hotter = await refitOnAllRows({ ...base, epochs: 2, temperature: 2 });
    const worst = hotter.weights.embedding.reduce(
      (max, value, i) => Math.max(max, Math.abs(value - 2 * (plain.weights.embedding[i] ?? 0))),
      0,
    );
    expect(worst).toBeLessThan(1e-6);
    expect(plain.weights.embedding.some((value) => value !== 0)).toBe(true);
  });
});
