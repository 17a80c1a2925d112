/*
 * Number and date formatting of the reports: fixed rules, no locale or time zone of the machine,
 * so the same input prints the same text everywhere.
 */

import { count } from '@mlops/charts';

/** An integer with thousands separators: 12345 → "12,345" (the charts' own formatting). */
export { count };

/** A share as a percentage with one decimal: 0.8734 → "87.3%". */
export function percent(value: number, decimals = 1): string {
  return `${(value * 100).toFixed(decimals)}%`;
}

/** A score in [0, 1] (accuracy, F1) as printed on the slides: a percentage with one decimal. */
export function score(value: number): string {
  return percent(value, 1);
}

/** A change of a score in percentage points, signed: 0.0213 → "+2.1 pts", −0.004 → "−0.4 pts". */
export function points(delta: number, decimals = 1): string {
  const rounded = Number((delta * 100).toFixed(decimals));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '±';
  return `${sign}${Math.abs(rounded).toFixed(decimals)} pts`;
}

/** An interval of scores: "84.1–90.2%". */
export function scoreInterval(interval: { readonly low: number; readonly high: number }): string {
  return `${(interval.low * 100).toFixed(1)}–${percent(interval.high)}`;
}

/** An interval of changes in points: "−1.2 to +3.4 pts". */
export function pointsInterval(interval: { readonly low: number; readonly high: number }): string {
  return `${points(interval.low).replace(' pts', '')} to ${points(interval.high)}`;
}

/** A count with its noun, singular or plural: (1, 'text') → "1 text", (3, 'text') → "3 texts". */
export function counted(value: number, singular: string, plural = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : plural}`;
}

/** A small number in scientific notation with two significant digits: 5.96e-8 → "6.0e-8". */
export function scientific(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(1).split('e');
  return `${mantissa ?? ''}e${Number(exponent ?? 0)}`;
}

/** Seconds for people: "0.3 s", "42 s", "3 min 05 s", "1 h 02 min". */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO timestamp as a UTC date: "5 Dec 2026"; "unknown date" when it does not parse. */
export function date(iso: string | null | undefined): string {
  const parsed = iso ? new Date(iso) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) return 'unknown date';
  return `${parsed.getUTCDate()} ${MONTHS[parsed.getUTCMonth()] ?? ''} ${parsed.getUTCFullYear()}`;
}

/** An ISO timestamp as a UTC date and minute: "5 Dec 2026, 14:03 UTC". */
export function dateTime(iso: string | null | undefined): string {
  const parsed = iso ? new Date(iso) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) return 'unknown date';
  const time = `${String(parsed.getUTCHours()).padStart(2, '0')}:${String(parsed.getUTCMinutes()).padStart(2, '0')}`;
  return `${date(iso)}, ${time} UTC`;
}
