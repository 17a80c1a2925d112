import { UpstreamError } from '@mlops/clients';
import type { ModelVersion, Study } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import type { Upstreams } from '../upstreams/upstreams.js';
import { studyOf } from './study-input.js';

const STUDY_ID = '6f1c1d8e-8a53-4c1e-9d36-2f4a1b7c9e10';

const version = (study?: { id: string; trialNumber: number }): ModelVersion =>
  ({
    name: 'topics',
    version: 3,
    lineage: {
      datasetName: 'mail',
      datasetVersion: 1,
      datasetContentHash: '0'.repeat(64),
      ...(study ? { study } : {}),
    },
  }) as ModelVersion;

const trial = (number: number, state: Study['trialTable'][number]['state'], value?: number) => ({
  number,
  state,
  params: { lr: 0.01 * (number + 1) },
  config: {},
  jobId: STUDY_ID,
  intermediate: [],
  ...(value === undefined ? {} : { value }),
  startedAt: '2026-03-02T09:00:00.000Z',
});

const study = {
  id: STUDY_ID,
  modelName: 'topics',
  status: 'running',
  request: { objective: { metric: 'validationMacroF1', direction: 'maximize' } },
  trialTable: [trial(0, 'complete', 0.8), trial(1, 'pruned', 0.5), trial(2, 'running')],
  importances: { lr: 1 },
} as unknown as Study;

/** Upstreams whose studies client answers `answer` (a study, or an error to throw). */
const upstreams = (answer: Study | Error, asked: string[] = []): Upstreams =>
  ({
    studies: {
      get: ({ params }: { params: { id: string } }) => {
        asked.push(params.id);
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
    },
  }) as unknown as Upstreams;

describe('studyOf', () => {
  it('reads the study the lineage names: trials as #n, only complete trials valued, this trial marked', async () => {
    const asked: string[] = [];
    const input = await studyOf(upstreams(study, asked), version({ id: STUDY_ID, trialNumber: 0 }), {});
    expect(asked).toEqual([STUDY_ID]);
    expect(input).toEqual({
      name: STUDY_ID,
      objective: 'validation macro-F1',
      direction: 'maximize',
      status: 'running',
      totalTrials: 3,
      thisTrial: '#0',
      importances: { lr: 1 },
      trials: [
        { id: '#0', params: { lr: 0.01 }, value: 0.8 },
        { id: '#1', params: { lr: 0.02 }, value: null },
        { id: '#2', params: { lr: 0.03 }, value: null },
      ],
    });
  });

  it('asks nothing for a version without a study, and reports a study that is gone as missing', async () => {
    const asked: string[] = [];
    expect(await studyOf(upstreams(study, asked), version(), {})).toBeUndefined();
    expect(asked).toEqual([]);
    const gone = new UpstreamError('refused', 'dl-trainer', 'STUDY_NOT_FOUND', 'no study', 404);
    expect(await studyOf(upstreams(gone), version({ id: STUDY_ID, trialNumber: 1 }), {})).toBe('missing');
    const down = new UpstreamError('unavailable', 'dl-trainer', 'UPSTREAM_UNREACHABLE', 'connection refused');
    await expect(studyOf(upstreams(down), version({ id: STUDY_ID, trialNumber: 1 }), {})).rejects.toBe(down);
  });
});
