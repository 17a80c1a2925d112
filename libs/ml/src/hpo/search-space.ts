import type { distributionSchema, parameterSchema, searchSpaceSchema } from '@mlops/contracts';
import type { z } from 'zod';

export { distributionSchema, parameterSchema, searchSpaceSchema } from '@mlops/contracts';

export type Distribution = z.output<typeof distributionSchema>;
export type SearchParameter = z.output<typeof parameterSchema>;
export type SearchSpace = z.output<typeof searchSpaceSchema>;
export type SearchSpaceInput = z.input<typeof searchSpaceSchema>;
/** A sampled value. */
export type ParameterValue = string | number | boolean;
/** A trial's sampled values by parameter name (inactive conditional parameters absent). */
export type Assignment = Readonly<Record<string, ParameterValue>>;

/** Whether `parameter` is active given the values sampled so far for the parameters before it. */
export function isActive(parameter: SearchParameter, sampled: Assignment): boolean {
  if (parameter.when === undefined) return true;
  const parent = sampled[parameter.when.parameter];
  return parent !== undefined && parameter.when.in.includes(parent);
}
