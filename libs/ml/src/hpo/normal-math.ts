/**
 * Standard-normal helpers for the Parzen estimators (a port of Optuna's `_truncnorm.py`): the
 * CDF in log space stays accurate far in the tails, so truncated kernels never divide by zero.
 */

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const NDTRI_EXP_APPROX_C = Math.sqrt(3) / Math.PI;

/** erf by its Taylor series: accurate to ~1e-15 for |x| < 3. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const next = term / (2 * n + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** log(erfc(x)) for x ≥ 2.5 by its continued fraction, free of underflow. */
function logErfcTail(x: number): number {
  let fraction = 0;
  for (let n = 80; n >= 1; n--) fraction = n / 2 / (x + fraction);
  return -x * x - 0.5 * Math.log(Math.PI) - Math.log(x + fraction);
}

/** erf(x). */
export function erf(x: number): number {
  if (Math.abs(x) < 2.5) return erfSeries(x);
  const tail = Math.exp(logErfcTail(Math.abs(x)));
  return x > 0 ? 1 - tail : tail - 1;
}

/** erfc(x), accurate in the right tail. */
function erfc(x: number): number {
  if (x < 2.5) return 1 - erf(x);
  return Math.exp(logErfcTail(x));
}

/** Φ(a), the standard normal CDF. */
export function ndtr(a: number): number {
  const x = a / SQRT2;
  if (x < -1 / SQRT2) return 0.5 * erfc(-x);
  if (x < 1 / SQRT2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log Φ(a), accurate for very negative a. */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a);
  if (a > -3.6) return Math.log(ndtr(a));
  return logErfcTail(-a / SQRT2) - Math.LN2;
}

function logDiff(logP: number, logQ: number): number {
  return logP + Math.log1p(-Math.exp(logQ - logP));
}

function logSum(logP: number, logQ: number): number {
  const max = Math.max(logP, logQ);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(Math.exp(logP - max) + Math.exp(logQ - max));
}

/** log of the standard normal mass in [a, b], computed on the accurate (left) side. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-ndtr(a) - ndtr(-b));
}

/** x such that log Φ(x) = y, by Newton's method from Optuna's initial guesses. */
function ndtriExp(y: number): number {
  const flipped = y > -1e-2;
  const z = flipped ? Math.log(-Math.expm1(y)) : y;
  let x = z < -5 ? -Math.sqrt(-2 * (z + LOG_SQRT_2PI)) : -NDTRI_EXP_APPROX_C * Math.log(Math.expm1(-z));
  for (let i = 0; i < 100; i++) {
    const logNdtrX = logNdtr(x);
    const logPdfX = -0.5 * x * x - LOG_SQRT_2PI;
    const dx = (logNdtrX - z) * Math.exp(logNdtrX - logPdfX);
    x -= dx;
    if (Math.abs(dx) < 1e-8 * Math.abs(x)) break;
  }
  return flipped ? -x : x;
}

/** Quantile q of the standard normal truncated to [a, b]. */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (q === 0) return a;
  if (q === 1) return b;
  const logMass = logGaussMass(a, b);
  if (a < 0) return ndtriExp(logSum(logNdtr(a), Math.log(q) + logMass));
  return -ndtriExp(logSum(logNdtr(-b), Math.log1p(-q) + logMass));
}

/** Log density at x of N(loc, scale²) truncated to [loc + a·scale, loc + b·scale]. */
export function truncnormLogPdf(x: number, a: number, b: number, loc: number, scale: number): number {
  const standard = (x - loc) / scale;
  if (standard < a || standard > b) return -Infinity;
  return -(standard * standard) / 2 - LOG_SQRT_2PI - logGaussMass(a, b) - Math.log(scale);
}
