import { describe, expect, it } from 'vitest';
import type { StudyInput } from './report-input.js';
import { buildStudy } from './study-part.js';

const trial = (n: number, value: number | null) => ({
  id: `#${n}`,
  params: { lr: 0.001 * (n + 1), layers: n % 3, optimizer: n % 2 === 0 ? 'adam' : 'sgd' },
  value,
});

const study = (overrides: Partial<StudyInput> = {}): StudyInput => ({
  name: 'lr search',
  objective: 'validation macro-F1',
  direction: 'maximize',
  trials: [0, 1, 2, 3, 4, 5, 6, 7].map((n) => trial(n, n === 7 ? null : n / 10)),
  ...overrides,
});

describe('buildStudy', () => {
  it('plots the numeric parameters of finished trials and lists the best five, best first', () => {
    const part = buildStudy(study());
    if (!part?.available) throw new Error('expected a study');
    expect(part.value.dimensions).toEqual(['layers', 'lr']);
    expect(part.value.trials).toHaveLength(7);
    expect(part.value.best.map((t) => t.id)).toEqual(['#6', '#5', '#4', '#3', '#2']);
    expect(part.value.best[0]?.params).toBe('layers=0, lr=0.007, optimizer=adam');
  });

  it("adds the reported version's trial with its rank when it is not among the best", () => {
    const part = buildStudy(study({ thisTrial: '#0', totalTrials: 8, status: 'running' }));
    if (!part?.available) throw new Error('expected a study');
    expect(part.value.best.map((t) => t.id)).toEqual(['#6', '#5', '#4', '#3', '#2', '#0']);
    expect(part.value.thisTrial).toEqual({ id: '#0', rank: 7, objective: 0 });
    expect(part.value).toMatchObject({ totalTrials: 8, status: 'running' });
  });

  it('sorts importances largest first; minimising ranks the lowest value first', () => {
    const part = buildStudy(study({ direction: 'minimize', importances: { lr: 0.2, layers: 0.7, optimizer: 0.1 } }));
    if (!part?.available) throw new Error('expected a study');
    expect(part.value.importances.map((i) => i.name)).toEqual(['layers', 'lr', 'optimizer']);
    expect(part.value.best[0]?.id).toBe('#0');
  });

  it('is missing data without a finished trial, and absent without a study', () => {
    expect(buildStudy(study({ trials: [trial(0, null)] }))).toMatchObject({ available: false });
    expect(buildStudy(undefined)).toBeNull();
  });
});
