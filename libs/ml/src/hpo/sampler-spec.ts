import { z } from 'zod';
import { randomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';
import { createTpeSampler } from './tpe-sampler.js';

/** Which sampler a study uses; TPE fields left out take Optuna's defaults. */
export const samplerSpecSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('random') }),
    z.strictObject({
      kind: z.literal('tpe'),
      nStartupTrials: z.number().int().min(0).max(1000).default(10),
      nEiCandidates: z.number().int().min(1).max(1000).default(24),
      multivariate: z.boolean().default(false),
      constantLiar: z.boolean().default(true),
    }),
  ])
  .default({ kind: 'tpe', nStartupTrials: 10, nEiCandidates: 24, multivariate: false, constantLiar: true });
export type SamplerSpec = z.output<typeof samplerSpecSchema>;

/** The sampler a spec names. */
export function samplerFor(spec: SamplerSpec): Sampler {
  if (spec.kind === 'random') return randomSampler;
  const { kind: _kind, ...options } = spec;
  return createTpeSampler(options);
}
