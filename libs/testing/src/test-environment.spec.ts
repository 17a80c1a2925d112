import { describe, expect, it } from 'vitest';
import { staleSuiteIds } from './test-environment.js';

describe('staleSuiteIds', () => {
  const now = Date.UTC(2026, 11, 6, 12);
  const hour = 60 * 60_000;
  const stamped = (ago: number, slug = 'inference_serving') => `t_${slug}-${(now - ago).toString(36)}_0123abcd`;

  it('finds suite vhosts older than the bound and those named before names carried a time', () => {
    const names = [
      stamped(7 * hour),
      stamped(5 * hour),
      stamped(10 * hour, 'a_b_c'),
      't_feature_store_crash_9f8e7d6c',
      't_reporter_dashboard_1bce7808',
      '/',
      'bench_serving_0123abcd',
      't_not_a_suite',
    ];
    expect(staleSuiteIds(names, now, 6 * hour)).toEqual([
      stamped(7 * hour),
      stamped(10 * hour, 'a_b_c'),
      't_feature_store_crash_9f8e7d6c',
      't_reporter_dashboard_1bce7808',
    ]);
  });
});
