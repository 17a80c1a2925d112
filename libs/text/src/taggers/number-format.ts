/**
 * How a lone `.` or `,` followed by exactly three digits is read: as a thousands separator
 * (money: `€1.500` is 1500) or as a decimal point (percentages: `0.125 %`).
 */
export type AmbiguousSeparator = 'grouping' | 'decimal';

const GROUPING_ONLY = new Set([' ', '\u00a0', '\u202f', "'", '’']);
const DECIMAL_MARKS = new Set(['.', ',']);

function splitDigits(raw: string): { groups: string[]; separators: string[] } | undefined {
  const groups: string[] = [];
  const separators: string[] = [];
  let current = '';
  for (const char of raw) {
    if (char >= '0' && char <= '9') {
      current += char;
      continue;
    }
    if (current === '') return undefined;
    groups.push(current);
    separators.push(char);
    current = '';
  }
  if (current === '') return undefined;
  groups.push(current);
  return { groups, separators };
}

/** Index of the separator that is the decimal mark, -1 when there is none, undefined when the mix is invalid. */
function decimalSeparatorIndex(
  groups: readonly string[],
  separators: readonly string[],
  ambiguous: AmbiguousSeparator,
): number | undefined {
  const kinds = new Set(separators);
  const last = separators.at(-1) ?? '';
  if (kinds.size > 2) return undefined;
  if (kinds.size === 2) {
    if (!DECIMAL_MARKS.has(last) || separators.slice(0, -1).includes(last)) return undefined;
    return separators.length - 1;
  }
  if (GROUPING_ONLY.has(last) || separators.length > 1) return -1;
  const [whole = '', fraction = ''] = groups;
  return fraction.length === 3 && ambiguous === 'grouping' && whole !== '0' ? -1 : 0;
}

/**
 * Parses a number written with thousands separators (`,` `.` `'` `’`, space, no-break spaces)
 * and a decimal mark (`.` or `,`): `1,234.56`, `1.234,56`, `1'234.50`, `1 234,5`, `12,5`.
 * With two kinds of separator the last one is the decimal mark; with one kind used several
 * times it groups thousands. Groups after the first must have three digits. Returns undefined
 * for anything else (`1,23,4`, `1.234,567.8`).
 */
export function parseLocalizedNumber(raw: string, ambiguous: AmbiguousSeparator): number | undefined {
  const parts = splitDigits(raw);
  if (!parts) return undefined;
  const { groups, separators } = parts;
  if (separators.length === 0) return Number(raw);
  const decimalIndex = decimalSeparatorIndex(groups, separators, ambiguous);
  if (decimalIndex === undefined) return undefined;
  const integerGroups = decimalIndex === -1 ? groups : groups.slice(0, decimalIndex + 1);
  const fraction = decimalIndex === -1 ? '' : (groups[decimalIndex + 1] ?? '');
  if (integerGroups.length > 1) {
    const [first = '', ...rest] = integerGroups;
    if (first.length > 3 || first.startsWith('0') || rest.some((group) => group.length !== 3)) return undefined;
  }
  const value = Number(`${integerGroups.join('')}${fraction === '' ? '' : `.${fraction}`}`);
  return Number.isFinite(value) ? value : undefined;
}
