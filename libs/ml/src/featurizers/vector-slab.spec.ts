import { describe, expect, it } from 'vitest';
import { allocateSparseVector } from './vector-slab.js';

describe('allocateSparseVector', () => {
  it('gives zeroed vectors whose arrays never overlap', () => {
    const vectors = Array.from({ length: 3000 }, (_, index) => allocateSparseVector(index % 40));
    vectors.forEach((vector, index) => {
      expect(vector.ids.length).toBe(index % 40);
      expect(vector.values.length).toBe(index % 40);
      expect(vector.ids.every((id) => id === 0) && vector.values.every((value) => value === 0)).toBe(true);
      vector.ids.fill(index);
      vector.values.fill(index);
    });
    vectors.forEach((vector, index) => {
      expect(vector.ids.every((id) => id === index)).toBe(true);
      expect(vector.values.every((value) => value === index)).toBe(true);
    });
  });

  it('gives a vector larger than a slab a buffer of its own', () => {
    const large = allocateSparseVector(100_000);
    expect(large.ids.length).toBe(100_000);
    expect(large.ids.buffer.byteLength).toBe(800_000);
  });
});
