import { describe, expect, it } from 'vitest';
import { rolloutStartBodySchema } from './rollout.js';

const pathsOf = (body: unknown) =>
  (rolloutStartBodySchema.safeParse(body).error?.issues ?? []).map((issue) => issue.path.join('/'));

describe('rollout start body', () => {
  it('defaults to shadow then a 10% canary, the error-rate and drift guardrails', () => {
    expect(rolloutStartBodySchema.parse({ version: 3 })).toEqual({
      version: 3,
      stages: [
        { stage: 'shadow', minRequests: 200 },
        { stage: 'canary', share: 0.1, minRequests: 200 },
      ],
      guardrails: { maxErrorRate: 0.01, drift: { failOn: 'drift' } },
    });
  });

  it.each([
    [
      {
        version: 3,
        stages: [
          { stage: 'canary', share: 0.1, minRequests: 5 },
          { stage: 'shadow', minRequests: 5 },
        ],
      },
      'stages/1/stage',
    ],
    [
      {
        version: 3,
        stages: [
          { stage: 'shadow', minRequests: 5 },
          { stage: 'shadow', minRequests: 5 },
        ],
      },
      'stages/1/stage',
    ],
    [{ version: 3, stages: [{ stage: 'canary', share: 1, minRequests: 5 }] }, 'stages/0/share'],
    [{ version: 3, stages: [{ stage: 'canary', share: 0.2, minRequests: 0 }] }, 'stages/0/minRequests'],
    [{ version: 3, guardrails: { p99LatencyMs: {} } }, 'guardrails/p99LatencyMs'],
    [{ version: 3, guardrails: { liveAccuracy: { minFeedback: 5 } } }, 'guardrails/liveAccuracy'],
    [
      { version: 3, guardrails: { liveAccuracy: { minFeedback: 500, min: 0.5 } } },
      'guardrails/liveAccuracy/minFeedback',
    ],
    [{ version: 3, guardrails: { maxErrorRate: 2 } }, 'guardrails/maxErrorRate'],
    [{ version: 3, guardrails: { agreement: { min: -1 } } }, 'guardrails/agreement/min'],
    [{ version: 0 }, 'version'],
  ])('refuses %j naming %s', (body, path) => {
    expect(pathsOf(body)).toContain(path);
  });
});
