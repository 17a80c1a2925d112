/** An objective value with four significant digits, or a dash when the trial has none. */
export function formatObjective(value: number | undefined): string {
  return value === undefined ? '–' : String(+value.toPrecision(4));
}

/** A sampled parameter value as the trial table shows it: numbers with four significant digits. */
export function formatParameter(value: string | number | boolean | undefined): string {
  if (value === undefined) return '–';
  return typeof value === 'number' ? String(+value.toPrecision(4)) : String(value);
}
