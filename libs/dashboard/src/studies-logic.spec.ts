import type { StudyTrial } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { brushOf, parallelData, trialsInBrush } from '../web/pages/studies/study-trials.js';

function trial(number: number, params: StudyTrial['params'], value?: number): StudyTrial {
  return {
    number,
    state: value === undefined ? 'running' : 'complete',
    params,
    config: {},
    jobId: '00000000-0000-4000-8000-000000000000',
    intermediate: [],
    ...(value === undefined ? {} : { value }),
    startedAt: '2026-12-05T10:00:00.000Z',
  };
}

const trials = [
  trial(0, { lr: 0.1, hidden: 8, kind: 'mlp' }, 0.5),
  trial(1, { lr: 0.3, hidden: 32, kind: 'linear' }, 0.7),
  trial(2, { lr: 0.2, hidden: 16, kind: 'mlp' }, 0.6),
  trial(3, { lr: 0.25, hidden: 24, kind: 'mlp' }),
];

describe('the study page: parallel coordinates and their brush', () => {
  it('draws the numeric parameters of the finished trials, as the PDF study slide does', () => {
    const data = parallelData(trials);
    expect(data.dimensions).toEqual(['hidden', 'lr']);
    expect(data.trials.map((datum) => [datum.id, datum.objective])).toEqual([
      ['0', 0.5],
      ['1', 0.7],
      ['2', 0.6],
    ]);
    expect(data.trials[0]?.values).toEqual({ hidden: 8, lr: 0.1 });
  });

  it("reads the chart's interval selection as a brush, and nothing from a cleared or malformed one", () => {
    expect(brushOf({ dimension: ['lr'], scaled: [0.9, 0.4] })).toEqual({ dimensions: ['lr'], low: 0.4, high: 0.9 });
    expect(brushOf({})).toBeUndefined();
    expect(brushOf(null)).toBeUndefined();
    expect(brushOf({ dimension: [], scaled: [0, 1] })).toBeUndefined();
    expect(brushOf({ dimension: ['lr'], scaled: [0.2] })).toBeUndefined();
    expect(brushOf({ dimension: ['lr'], scaled: ['a', 1] })).toBeUndefined();
  });

  it('keeps the trials crossing every brushed axis inside the range, all of them without a brush', () => {
    const data = parallelData(trials);
    expect([...trialsInBrush(trials, data, undefined)].sort()).toEqual([0, 1, 2, 3]);
    // lr scaled over [0.1, 0.3]: 0.1 → 0, 0.2 → 0.5, 0.3 → 1.
    expect([...trialsInBrush(trials, data, { dimensions: ['lr'], low: 0.4, high: 1 })].sort()).toEqual([1, 2]);
    // hidden scaled over [8, 32]: 16 → 1/3; both axes must pass.
    expect([...trialsInBrush(trials, data, { dimensions: ['lr', 'hidden'], low: 0.4, high: 1 })]).toEqual([1]);
    expect([...trialsInBrush(trials, data, { dimensions: ['lr'], low: 0.6, high: 0.9 })]).toEqual([]);
  });

  it('puts every trial in the middle of a flat axis', () => {
    const flat = [trial(0, { lr: 0.1, hidden: 8 }, 0.5), trial(1, { lr: 0.1, hidden: 16 }, 0.6)];
    const data = parallelData(flat);
    expect([...trialsInBrush(flat, data, { dimensions: ['lr'], low: 0.45, high: 0.55 })].sort()).toEqual([0, 1]);
  });
});
