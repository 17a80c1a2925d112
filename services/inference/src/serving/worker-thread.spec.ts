import { describe, expect, it } from 'vitest';
import { handOver, transferableCopy } from './worker-thread.js';

describe('handOver', () => {
  it('gives the very buffer of bytes that span all of it, to move without a copy', () => {
    const whole = Buffer.from(new Uint8Array([1, 2, 3, 4]).buffer);
    expect(handOver(whole)).toBe(whole.buffer);
    const { port1, port2 } = new MessageChannel();
    const moved = handOver(whole);
    port1.postMessage(moved, [moved]);
    port1.close();
    port2.close();
    expect(whole.byteLength).toBe(0);
  });

  it('copies a view into a larger buffer (a slice of the shared pool)', () => {
    const pooled = Buffer.from('abc');
    const handed = handOver(pooled);
    expect(handed).not.toBe(pooled.buffer);
    expect([...new Uint8Array(handed)]).toEqual([...pooled]);
    const slice = new Uint8Array(8).subarray(2, 5);
    expect(handOver(slice).byteLength).toBe(3);
  });

  it('transferableCopy always copies', () => {
    const whole = new Uint8Array([9, 8, 7]);
    const copy = transferableCopy(whole);
    expect(copy).not.toBe(whole.buffer);
    expect([...new Uint8Array(copy)]).toEqual([9, 8, 7]);
  });
});
