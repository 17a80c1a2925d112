/**
 * Share given to an empty bin before the logarithm: PSI is infinite when one side of a bin is 0.
 * 1e-4 (a bin empty on one side adds at most about share × 9.2) is the usual choice in credit
 * scoring, where PSI comes from.
 */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index of `observed` against `expected`, two share vectors over the same
 * bins: Σ (o − e) × ln(o / e), with each share floored at `epsilon`. 0 for identical
 * distributions; below 0.1 is read as stable, above 0.25 as a shift.
 */
export function populationStabilityIndex(
  expected: readonly number[],
  observed: readonly number[],
  epsilon = PSI_EPSILON,
): number {
  if (expected.length !== observed.length) {
    throw new Error(`PSI over ${expected.length} expected bins and ${observed.length} observed bins`);
  }
  let psi = 0;
  expected.forEach((share, bin) => {
    const e = Math.max(share, epsilon);
    const o = Math.max(observed[bin] ?? 0, epsilon);
    psi += (o - e) * Math.log(o / e);
  });
  return psi;
}

/** Shares of counts; all 0 when there are none. */
export function sharesOf(counts: ArrayLike<number>, total: number): number[] {
  return Array.from(counts, (count) => (total === 0 ? 0 : count / total));
}
