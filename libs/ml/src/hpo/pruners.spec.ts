import { describe, expect, it } from 'vitest';
import { prunerSpecSchema, shouldPrune } from './pruners.js';
import type { TrialRecord } from './trial-history.js';

const curve = (number: number, values: number[], state: TrialRecord['state'] = 'complete'): TrialRecord => ({
  number,
  state,
  params: {},
  value: state === 'complete' ? values.at(-1) : undefined,
  intermediate: values.map((v, i) => [i + 1, v] as const),
});

describe('median pruner', () => {
  const spec = prunerSpecSchema.parse({ kind: 'median', startupTrials: 3 });
  const others = [curve(0, [0.5, 0.6, 0.7]), curve(1, [0.4, 0.55, 0.65]), curve(2, [0.45, 0.5, 0.6])];

  it('prunes a trial whose best so far is below the median of complete trials at its step', () => {
    expect(shouldPrune(spec, { trial: curve(3, [0.3, 0.35], 'running'), others, direction: 'maximize' })).toBe(true);
    expect(shouldPrune(spec, { trial: curve(3, [0.3, 0.6], 'running'), others, direction: 'maximize' })).toBe(false);
  });

  it('waits for its startup trials and warm-up steps', () => {
    expect(
      shouldPrune(spec, { trial: curve(3, [0.1], 'running'), others: others.slice(0, 2), direction: 'maximize' }),
    ).toBe(false);
    const warm = prunerSpecSchema.parse({ kind: 'median', startupTrials: 3, warmupSteps: 3 });
    expect(shouldPrune(warm, { trial: curve(3, [0.1, 0.1], 'running'), others, direction: 'maximize' })).toBe(false);
  });

  it('minimises too', () => {
    expect(shouldPrune(spec, { trial: curve(3, [0.9], 'running'), others, direction: 'minimize' })).toBe(true);
  });
});

describe('asynchronous successive halving', () => {
  const spec = prunerSpecSchema.parse({ kind: 'asha', minResource: 1, reductionFactor: 2 });

  it('stops a trial outside the top 1/factor of its rung and keeps the ones inside', () => {
    const others = [curve(0, [0.8, 0.9]), curve(1, [0.7, 0.8]), curve(2, [0.6, 0.65])];
    expect(shouldPrune(spec, { trial: curve(3, [0.5], 'running'), others, direction: 'maximize' })).toBe(true);
    expect(shouldPrune(spec, { trial: curve(3, [0.85], 'running'), others, direction: 'maximize' })).toBe(false);
  });

  it('only decides at rung steps (1, 2, 4, ...)', () => {
    const others = [curve(0, [0.8, 0.9, 0.9]), curve(1, [0.7, 0.8, 0.85])];
    expect(shouldPrune(spec, { trial: curve(3, [0.9, 0.95, 0.1], 'running'), others, direction: 'maximize' })).toBe(
      false,
    );
  });

  it('lets the first trial at a rung through', () => {
    expect(shouldPrune(spec, { trial: curve(0, [0.1], 'running'), others: [], direction: 'maximize' })).toBe(false);
  });
});
