import { describe, expect, it } from 'vitest';
import { toSessionOptions } from './session-options.js';

describe('toSessionOptions', () => {
  it('runs sequentially on one CPU thread with every graph optimisation by default', () => {
    expect(toSessionOptions({})).toEqual({
      executionProviders: ['cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  });

  it('switches to parallel execution with several inter-op threads, and maps none to disabled', () => {
    expect(toSessionOptions({ intraOpThreads: 2, interOpThreads: 2, graphOptimization: 'none' })).toMatchObject({
      intraOpNumThreads: 2,
      interOpNumThreads: 2,
      executionMode: 'parallel',
      graphOptimizationLevel: 'disabled',
    });
  });

  it('refuses thread counts that are not positive integers', () => {
    expect(() => toSessionOptions({ intraOpThreads: 0 })).toThrow();
    expect(() => toSessionOptions({ interOpThreads: 1.5 })).toThrow();
  });
});
