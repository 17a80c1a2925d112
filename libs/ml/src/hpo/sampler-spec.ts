import { samplerSpecSchema } from '@mlops/contracts';
import type { z } from 'zod';
import { randomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';
import { createTpeSampler } from './tpe-sampler.js';

export { samplerSpecSchema };
export type SamplerSpec = z.output<typeof samplerSpecSchema>;

/** The sampler a spec names. */
export function samplerFor(spec: SamplerSpec): Sampler {
  if (spec.kind === 'random') return randomSampler;
  const { kind: _kind, ...options } = spec;
  return createTpeSampler(options);
}
