import { describe, expect, it } from 'vitest';
import { cachingVerifier } from './caching-verifier.js';
import type { Caller, KeyVerifier } from './caller.js';

const ada: Caller = { owner: 'ada', keyPrefix: 'ada00000', scopes: ['admin'] };

function countingVerifier(valid: Set<string>): KeyVerifier & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    verify(key) {
      calls.push(key);
      return Promise.resolve(valid.has(key) ? ada : undefined);
    },
  };
}

describe('cachingVerifier', () => {
  it('asks once per key within the TTL, again after it (so a revocation shows)', async () => {
    let now = 1000;
    const valid = new Set(['good']);
    const inner = countingVerifier(valid);
    const verifier = cachingVerifier(inner, { ttlMs: 5000, now: () => now });
    expect(await verifier.verify('good')).toEqual(ada);
    expect(await verifier.verify('good')).toEqual(ada);
    expect(inner.calls).toHaveLength(1);
    valid.delete('good');
    now += 4999;
    expect(await verifier.verify('good')).toEqual(ada);
    now += 2;
    expect(await verifier.verify('good')).toBeUndefined();
    expect(inner.calls).toHaveLength(2);
  });

  it('caches refusals briefly, bounds its entries, caps the TTL at 5 s and shares concurrent checks', async () => {
    let now = 1000;
    const inner = countingVerifier(new Set());
    const verifier = cachingVerifier(inner, { ttlMs: 60_000, failureTtlMs: 1000, maxEntries: 2, now: () => now });
    await Promise.all([verifier.verify('bad'), verifier.verify('bad'), verifier.verify('bad')]);
    expect(inner.calls).toEqual(['bad']);
    now += 999;
    await verifier.verify('bad');
    expect(inner.calls).toHaveLength(1);
    now += 2;
    await verifier.verify('bad');
    expect(inner.calls).toHaveLength(2);
    await verifier.verify('b1');
    await verifier.verify('b2');
    await verifier.verify('bad');
    expect(inner.calls).toHaveLength(5);
  });

  it('caches nothing with a TTL of 0: a revocation shows on the next request', async () => {
    const valid = new Set(['good']);
    const inner = countingVerifier(valid);
    const verifier = cachingVerifier(inner, { ttlMs: 0 });
    expect(await verifier.verify('good')).toEqual(ada);
    valid.delete('good');
    expect(await verifier.verify('good')).toBeUndefined();
    expect(await verifier.verify('good')).toBeUndefined();
    expect(inner.calls).toHaveLength(3);
  });

  it('does not cache a failure to verify', async () => {
    let fail = true;
    const verifier = cachingVerifier({
      verify: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(ada)),
    });
    await expect(verifier.verify('k')).rejects.toThrow('down');
    fail = false;
    expect(await verifier.verify('k')).toEqual(ada);
  });
});
