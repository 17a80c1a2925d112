import { parseLocalizedNumber } from './number-format.js';
import { hit, type Hit, type Tagger } from './tagger.js';

const NAME = 'percentage';
const NUMBER = String.raw`\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3}){1,4}(?:[.,]\d{1,6})?|\d{1,15}(?:[.,]\d{1,6})?`;
const UNIT = String.raw`%|％|(?:percent|per\s?cent|pour\s?cent|prozent|por\s?ciento|per\s?cento|procent)(?![\p{L}])`;
/** A signed number, an optional space, then `%` or the word for it in English, French, German, Spanish, Italian or Dutch. */
const PERCENTAGE = new RegExp(String.raw`(?<![\p{L}\p{N}.,'’])([-+−]?)(${NUMBER})[\u00a0\u202f ]?(?:${UNIT})`, 'giu');

function tagPercentages(text: string): Hit[] {
  const hits: Hit[] = [];
  PERCENTAGE.lastIndex = 0;
  for (let match = PERCENTAGE.exec(text); match !== null; match = PERCENTAGE.exec(text)) {
    const [raw, sign = '', digits = ''] = match;
    const magnitude = parseLocalizedNumber(digits, 'decimal');
    if (magnitude === undefined) continue;
    const value = sign === '-' || sign === '−' ? -magnitude : magnitude;
    hits.push(hit(NAME, text, match.index, match.index + raw.length, value));
  }
  return hits;
}

export const percentageTagger: Tagger = {
  name: NAME,
  description:
    'Percentages: a number (decimal point or comma, thousands separators) followed by %, or by "percent" and its French, German, Spanish, Italian or Dutch forms. Value: the number of percent, signed.',
  examples: [
    { text: 'Sales grew 12.5% this year.', value: 12.5 },
    { text: 'une baisse de -3,2 % sur un an', value: -3.2 },
  ],
  tag: (text) => tagPercentages(text),
};
