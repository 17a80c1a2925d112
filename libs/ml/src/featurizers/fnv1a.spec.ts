import { describe, expect, it } from 'vitest';
import { FNV1A_OFFSET_BASIS, bucketOf, fnv1a, fnv1aAppend, fnv1aAppendCodeUnit } from './fnv1a.js';

describe('fnv1a', () => {
  it('matches the published 32-bit FNV-1a test vectors on ASCII', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-16 code units, one step per unit', () => {
    expect(fnv1a('é')).toBe(fnv1aAppendCodeUnit(FNV1A_OFFSET_BASIS, 0xe9) >>> 0);
    expect(fnv1a('😀')).toBe(fnv1aAppendCodeUnit(fnv1aAppendCodeUnit(FNV1A_OFFSET_BASIS, 0xd83d), 0xde00) >>> 0);
  });

  it('continues a hash piece by piece as over the whole string', () => {
    const pieces = fnv1aAppend(fnv1aAppendCodeUnit(fnv1aAppend(FNV1A_OFFSET_BASIS, 'foo'), 0x20), 'bar');
    expect(pieces >>> 0).toBe(fnv1a('foo bar'));
    expect(fnv1aAppend(FNV1A_OFFSET_BASIS, 'xxfooyy', 2, 5) >>> 0).toBe(fnv1a('foo'));
  });

  it('maps a hash to a bucket in range', () => {
    expect(bucketOf(fnv1aAppend(FNV1A_OFFSET_BASIS, 'foobar'), 1000)).toBe(0xbf9cf968 % 1000);
    expect(bucketOf(-1, 7)).toBe(0xffffffff % 7);
  });
});
