import { CALLING_CODES, PHONE_REGIONS } from './phone-numbering.js';
import { hit, type Hit, type Tagger, type TaggerOptions } from './tagger.js';

const NAME = 'phone';
/**
 * Phone-shaped runs: an optional `+` or `(`, then digits, spaces, dots, hyphens, slashes and
 * brackets, ending on a digit. Never starting inside a word, a number or an amount, and never
 * stopping before more digits, a time (`:30`) or a percent sign.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}_@#/.,:+\-$€£¥=])(?<!\p{N}[ \u00a0.\-/])[+(]?\d[\d \u00a0().\-/]{6,24}\d(?![\p{L}\p{N}]|[.,]\p{N}|[ \u00a0.\-/]\(?\p{N}|:\d|\s?%)/gu;
const PIECES = /\(\d{1,5}\)|\d+|[ \u00a0]|[.\-/]/g;
const GROUP_START = /^[(\d]/;
const ALLOWED_JOINS = new Set(['', ' ', '.', '-', '/', ' - ', ' / ']);
const NANP_SHAPES = new Set(['3,3,4', '1,3,3,4']);

interface Group {
  readonly digits: string;
  readonly bracketed: boolean;
}

interface Shape {
  readonly international: boolean;
  readonly groups: readonly Group[];
  readonly marks: ReadonlySet<string>;
}

/** Splits a candidate into digit groups and checks what joins them; undefined when it is not a phone layout. */
function shapeOf(raw: string): Shape | undefined {
  const plus = raw.startsWith('+');
  const body = plus ? raw.slice(1) : raw;
  const pieces = body.match(PIECES) ?? [];
  if (pieces.join('') !== body) return undefined;
  const groups: Group[] = [];
  const marks = new Set<string>();
  let join = '';
  for (const piece of pieces) {
    const isGroup = GROUP_START.test(piece);
    if (!isGroup) {
      join += piece === '\u00a0' ? ' ' : piece;
      continue;
    }
    const bracketed = piece.startsWith('(');
    if (groups.length > 0) {
      const previous = groups.at(-1);
      if (!ALLOWED_JOINS.has(join) || (join === '' && !bracketed && !previous?.bracketed)) return undefined;
      for (const char of join) if (char !== ' ') marks.add(char);
    } else if (join !== '') {
      return undefined;
    }
    groups.push({ digits: bracketed ? piece.slice(1, -1) : piece, bracketed });
    join = '';
  }
  const bracketedAt = groups.findIndex((group) => group.bracketed);
  const bracketsOk =
    groups.filter((group) => group.bracketed).length <= 1 && (bracketedAt === -1 || bracketedAt <= (plus ? 1 : 0));
  if (!bracketsOk || marks.size > 1 || (raw.match(/\//g) ?? []).length > 1) return undefined;
  const international = plus || (groups[0]?.digits.startsWith('00') === true && groups[0].digits[2] !== '0');
  return { international, groups, marks };
}

function international(shape: Shape): string | undefined {
  const groups = shape.groups.filter((group, index) => !(index === 1 && group.bracketed && /^0+$/.test(group.digits)));
  const raw = groups.map((group) => group.digits).join('');
  const digits = raw.startsWith('00') ? raw.slice(2) : raw;
  if (!raw.startsWith('00') && shape.groups[0]?.bracketed) return undefined;
  if (digits.length < 8 || digits.length > 15) return undefined;
  const callingCode = [1, 2, 3].map((length) => digits.slice(0, length)).find((code) => CALLING_CODES.has(code));
  return callingCode === undefined ? undefined : `+${digits}`;
}

function national(shape: Shape, region: string | undefined): string | undefined {
  const digits = shape.groups.map((group) => group.digits).join('');
  const layout = shape.groups.map((group) => group.digits.length).join(',');
  const nanp = digits.length === 11 ? digits.slice(1) : digits;
  if (
    NANP_SHAPES.has(layout) &&
    !shape.marks.has('/') &&
    (digits.length === 10 || digits.startsWith('1')) &&
    /^[2-9]/.test(nanp)
  ) {
    return `+1${nanp}`;
  }
  const rule = region === undefined ? undefined : PHONE_REGIONS[region];
  if (digits.startsWith('0') && !digits.startsWith('00') && digits.length >= 9 && digits.length <= 12) {
    if (rule?.trunk === 'strip') return `+${rule.callingCode}${digits.slice(1)}`;
    if (rule?.trunk === 'keep') return `+${rule.callingCode}${digits}`;
    return digits;
  }
  if (rule?.trunk === 'none' && !digits.startsWith('0') && digits.length === 9) return `+${rule.callingCode}${digits}`;
  return undefined;
}

function tagPhones(text: string, options: TaggerOptions): Hit[] {
  const hits: Hit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const raw = match[0];
    const shape = shapeOf(raw);
    if (!shape) continue;
    if (!shape.international && shape.groups.length < 2) continue;
    const value = shape.international ? international(shape) : national(shape, options.phoneRegion);
    if (value !== undefined) hits.push(hit(NAME, text, match.index, match.index + raw.length, value));
  }
  return hits;
}

export const phoneTagger: Tagger = {
  name: NAME,
  description:
    'Phone numbers: international (+CC or 00CC, spaces, dots, hyphens, "(0)" allowed, valid country calling code, 8 to 15 digits), North American ((555) 123-4567, 555-123-4567) and national numbers with a trunk 0 written in groups (01 23 45 67 89, 030/1234567, 020 7946 0958). Dates, times, amounts, percentages and digits inside longer numbers are not phones. Value: E.164 (+33123456789) when the country is known from the number or from the phoneRegion option, else the national digits.',
  examples: [
    { text: 'Call +33 (0)1 23 45 67 89 now', value: '+33123456789' },
    { text: 'Office: (555) 123-4567', value: '+15551234567' },
    { text: 'Tel. 030 1234567', value: '0301234567' },
  ],
  tag: (text, options) => tagPhones(text, options),
};
