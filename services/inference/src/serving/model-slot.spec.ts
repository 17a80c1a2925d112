import { describe, expect, it } from 'vitest';
import { ModelSlot } from './model-slot.js';

class FakeModel {
  released = 0;
  constructor(readonly version: number) {}
  release(): Promise<void> {
    this.released += 1;
    return Promise.resolve();
  }
}

describe('ModelSlot', () => {
  it('is empty until a model is placed', () => {
    const slot = new ModelSlot<FakeModel>();
    expect(slot.lease()).toBeUndefined();
    expect(slot.current).toBeUndefined();
  });

  it('swaps atomically: later leases get the new model, leases in flight keep the old one until done', () => {
    const slot = new ModelSlot<FakeModel>();
    const v1 = new FakeModel(1);
    const v2 = new FakeModel(2);
    slot.replace(v1);
    const inFlight = slot.lease();
    slot.replace(v2);
    expect(slot.lease()?.model).toBe(v2);
    expect(inFlight?.model).toBe(v1);
    expect(v1.released).toBe(0);
    expect(slot.draining).toBe(1);
    inFlight?.done();
    expect(v1.released).toBe(1);
    expect(slot.draining).toBe(0);
  });

  it('releases a replaced model with no leases at once, and exactly once', () => {
    const slot = new ModelSlot<FakeModel>();
    const v1 = new FakeModel(1);
    slot.replace(v1);
    const lease = slot.lease();
    lease?.done();
    lease?.done();
    slot.replace(new FakeModel(2));
    expect(v1.released).toBe(1);
  });

  it('counts leases per model across many swaps and releases each model once drained', () => {
    const slot = new ModelSlot<FakeModel>();
    const models = Array.from({ length: 100 }, (_, index) => new FakeModel(index + 1));
    const open: { done(): void }[] = [];
    for (const model of models) {
      slot.replace(model);
      const lease = slot.lease();
      if (lease) open.push(lease);
      expect(slot.inFlight).toBe(1);
    }
    expect(models.slice(0, -1).every((model) => model.released === 0)).toBe(true);
    for (const lease of open) lease.done();
    expect(models.slice(0, -1).every((model) => model.released === 1)).toBe(true);
    expect(models.at(-1)?.released).toBe(0);
    slot.clear();
    expect(models.at(-1)?.released).toBe(1);
    expect(slot.draining).toBe(0);
  });

  it('reports a failed release without throwing', async () => {
    const errors: unknown[] = [];
    const slot = new ModelSlot<{ release(): Promise<void> }>((error) => errors.push(error));
    slot.replace({ release: () => Promise.reject(new Error('native free failed')) });
    slot.clear();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
  });
});
