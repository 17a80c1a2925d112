import { MONTHS } from './month-names.js';
import { hit, type Hit, type Tagger, type TaggerOptions } from './tagger.js';

const NAME = 'date';
const MONTH = `(${[...MONTHS.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|')})(?![\\p{L}])`;
const GAP = String.raw`[ \t\u00a0]+`;
const START = String.raw`(?<![\p{L}\p{N}.\-/])`;
const END = String.raw`(?![\p{N}]|[\-/.]\p{N})`;

/** The formats, each with how to read its groups. Built once; the sticky state is reset per call. */
const FORMATS: readonly { readonly pattern: RegExp; readonly read: (m: RegExpExecArray, o: TaggerOptions) => Ymd }[] = [
  {
    // 2024-03-05, 2024/03/05, 2024.03.05 (also before a time: 2024-03-05T10:00)
    pattern: new RegExp(String.raw`${START}(\d{4})([\-/.])(\d{2})\2(\d{2})${END}`, 'gu'),
    read: (m) => ({ year: m[1], month: m[3], day: m[4] }),
  },
  {
    // 05/03/2024, 5.3.2024, 05-03-2024: day or month first as the options say
    pattern: new RegExp(String.raw`${START}(\d{1,2})([\-/.])(\d{1,2})\2(\d{4})${END}`, 'gu'),
    read: (m, o) =>
      o.dateOrder === 'dmy' ? { day: m[1], month: m[3], year: m[4] } : { month: m[1], day: m[3], year: m[4] },
  },
  {
    // 5 March 2024, 5th of March 2024, 1er mars 2024, 5. März 2024, 5 de marzo de 2024, 5 Mar. 2024
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th|er|e|º|°)?\.?${GAP}(?:(?:of|de)${GAP})?${MONTH}\.?,?${GAP}(?:de${GAP})?(\d{4})(?![\p{N}])`,
      'giu',
    ),
    read: (m) => ({ day: m[1], month: m[2], year: m[3] }),
  },
  {
    // March 5, 2024, Mar. 5th 2024
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])${MONTH}\.?${GAP}(\d{1,2})(?:st|nd|rd|th)?,?${GAP}(\d{4})(?![\p{N}])`,
      'giu',
    ),
    read: (m) => ({ month: m[1], day: m[2], year: m[3] }),
  },
];

interface Ymd {
  readonly year: string | undefined;
  readonly month: string | undefined;
  readonly day: string | undefined;
}

function monthNumber(month: string): number | undefined {
  return /^\d+$/.test(month) ? Number(month) : MONTHS.get(month.toLowerCase());
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO form of a calendar date, or undefined when it does not exist (31/02, month 13, year out of 1000..2999). */
export function isoDate({ year, month, day }: Ymd): string | undefined {
  const y = Number(year);
  const m = monthNumber(month ?? '');
  const d = Number(day);
  if (m === undefined || !Number.isInteger(y) || y < 1000 || y > 2999 || m < 1 || m > 12) return undefined;
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function tagDates(text: string, options: TaggerOptions): Hit[] {
  const found: Hit[] = [];
  for (const { pattern, read } of FORMATS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const value = isoDate(read(match, options));
      if (value !== undefined) found.push(hit(NAME, text, match.index, match.index + match[0].length, value));
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const hits: Hit[] = [];
  for (const candidate of found) {
    const previous = hits.at(-1);
    if (!previous || candidate.start >= previous.end) hits.push(candidate);
  }
  return hits;
}

export const dateTagger: Tagger = {
  name: NAME,
  description:
    'Calendar dates with a four-digit year: ISO (2024-03-05), numeric with / . or - (05/03/2024, read day-first or month-first as the dateOrder option says), and with month names or abbreviations in English, French, German, Spanish, Italian, Dutch or Portuguese (5 March 2024, March 5, 2024, 1er mars 2024, 5. März 2024). Dates that do not exist (31/02/2024) are not hits. Value: the ISO date.',
  examples: [
    { text: 'Due 2024-03-05.', value: '2024-03-05' },
    { text: 'Signed on 05/03/2024 in Paris', value: '2024-03-05' },
    { text: 'Meeting on March 5, 2024', value: '2024-03-05' },
  ],
  tag: (text, options) => tagDates(text, options),
};
