import { describe, expect, it } from 'vitest';
import { OnDemandSet } from './on-demand-set.js';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('OnDemandSet', () => {
  it('is full at its bound and offers the least recently used model idle long enough, not a busy one', () => {
    const time = clock();
    const set = new OnDemandSet(2, 1000, 500, time.now);
    set.add('a');
    time.advance(10);
    set.add('b');
    expect([set.full, set.names()]).toEqual([true, ['a', 'b']]);
    expect(set.evictable(() => false)).toBeUndefined();
    time.advance(2000);
    set.touch('a');
    expect(set.evictable(() => false)).toBe('b');
    expect(set.evictable((name) => name === 'b')).toBeUndefined();
    time.advance(2000);
    expect(set.evictable(() => false)).toBe('b');
    set.delete('b');
    expect([set.full, set.has('b'), set.evictable(() => false)]).toEqual([false, false, 'a']);
  });

  it('answers a remembered refusal until it expires', () => {
    const time = clock();
    const set = new OnDemandSet(1, 1000, 500, time.now);
    set.remember('x', { refusal: 'not-loaded', detail: 'broken' });
    expect(set.recalled('x')).toEqual({ refusal: 'not-loaded', detail: 'broken' });
    time.advance(499);
    expect(set.recalled('x')?.detail).toBe('broken');
    time.advance(1);
    expect(set.recalled('x')).toBeUndefined();
    expect(set.recalled('y')).toBeUndefined();
  });

  it('touches only the models it holds', () => {
    const set = new OnDemandSet(1);
    set.touch('listed');
    expect(set.names()).toEqual([]);
  });
});
