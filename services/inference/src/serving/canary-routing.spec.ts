import { describe, expect, it } from 'vitest';
import { canaryPosition, routesToCanary } from './canary-routing.js';

describe('canary routing', () => {
  it('sends a key to the same side every time', () => {
    for (let user = 0; user < 50; user += 1) {
      const first = routesToCanary('topics', `user-${user}`, 0.3);
      for (let again = 0; again < 5; again += 1) expect(routesToCanary('topics', `user-${user}`, 0.3)).toBe(first);
    }
  });

  it('sends about the share of distinct keys to the canary', () => {
    const keys = Array.from({ length: 4000 }, (_, index) => `key-${index}`);
    const share = keys.filter((key) => routesToCanary('topics', key, 0.2)).length / keys.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });

  it('keeps a key on the canary when the share grows', () => {
    const keys = Array.from({ length: 500 }, (_, index) => `key-${index}`);
    for (const key of keys.filter((k) => routesToCanary('topics', k, 0.1))) {
      expect(routesToCanary('topics', key, 0.5)).toBe(true);
    }
  });

  it('places keys of different models independently', () => {
    expect(canaryPosition('topics', 'user-1')).not.toBe(canaryPosition('spam', 'user-1'));
  });

  it('routes nothing at share 0 and everything at share 1', () => {
    expect(routesToCanary('topics', 'user-1', 0)).toBe(false);
    expect(routesToCanary('topics', undefined, 1)).toBe(true);
  });
});
