import { CURRENCY_CODES, CURRENCY_SIGNS } from './currencies.js';
import { parseLocalizedNumber } from './number-format.js';
import { hit, type Hit, type Tagger } from './tagger.js';

const NAME = 'money';

function escape(text: string): string {
  return text.replace(/[$]/g, '\\$');
}

const SIGN = [...CURRENCY_SIGNS.keys()].map(escape).join('|');
const CODE = [...CURRENCY_CODES].join('|');
/** An amount: 1-3 digits then groups of three (`,` `.` `'` `’` or a space), or plain digits; then up to two decimals. */
const AMOUNT = String.raw`\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3}){1,6}(?:[.,]\d{1,2})?|\d{1,15}(?:[.,]\d{1,2})?`;
const SPACE = String.raw`[\u00a0\u202f ]?`;
const MINUS = '[-−]';
/** Nothing may follow an amount that would make it a longer or different number. */
const AMOUNT_END = String.raw`(?![\p{N}]|[.,'’]\p{N}|\s?%)`;
/**
 * Currency before the amount (`€12`, `US$ 5`, `EUR 1.234,56`, `-$5`) or after it (`12 €`,
 * `1 234,56 EUR`). Codes must stand alone as words.
 */
const MONEY = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}$€£¥₹₩₽₺₪₴])(${MINUS})?(?:(${SIGN})|(${CODE})(?![\p{L}]))${SPACE}(${MINUS})?(${AMOUNT})${AMOUNT_END}`,
    String.raw`(?<![\p{L}\p{N}.,'’])(${MINUS})?(${AMOUNT})${SPACE}(?:(${SIGN})|(${CODE})(?![\p{L}\p{N}]))`,
  ].join('|'),
  'gu',
);

function currencyOf(sign: string | undefined, code: string | undefined): string | undefined {
  return sign === undefined ? code : CURRENCY_SIGNS.get(sign);
}

function tagMoney(text: string): Hit[] {
  const hits: Hit[] = [];
  MONEY.lastIndex = 0;
  for (let match = MONEY.exec(text); match !== null; match = MONEY.exec(text)) {
    const before = match[5] !== undefined;
    const minus = before ? (match[1] ?? match[4]) : match[6];
    const digits = before ? match[5] : match[7];
    const currency = before ? currencyOf(match[2], match[3]) : currencyOf(match[8], match[9]);
    const magnitude = digits === undefined ? undefined : parseLocalizedNumber(digits, 'grouping');
    if (magnitude === undefined || currency === undefined) continue;
    const amount = minus === undefined ? magnitude : -magnitude;
    hits.push(hit(NAME, text, match.index, match.index + match[0].length, { amount, currency }));
  }
  return hits;
}

export const moneyTagger: Tagger = {
  name: NAME,
  description:
    "Money amounts with a currency sign (€ $ £ ¥ ₹ ₩ ₽ ₺ ₪ ₴, US$ CA$ A$ ...) or an ISO 4217 code, before or after the amount; thousands separated by , . ' or spaces, up to two decimals, optional minus. A lone . or , before three digits groups thousands (€1.500 = 1500). $ is read as USD and ¥ as JPY. Value: {amount, currency}.",
  examples: [
    { text: 'Total: €1.234,56 incl. VAT', value: { amount: 1234.56, currency: 'EUR' } },
    { text: 'It costs USD 5,000.', value: { amount: 5000, currency: 'USD' } },
    { text: 'Prix : 1 234,50 €', value: { amount: 1234.5, currency: 'EUR' } },
  ],
  tag: (text) => tagMoney(text),
};
