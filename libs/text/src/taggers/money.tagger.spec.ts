import { describe, expect, it } from 'vitest';
import { moneyTagger } from './money.tagger.js';
import { DEFAULT_TAGGER_OPTIONS } from './tagger.js';

const tag = (text: string) => moneyTagger.tag(text, DEFAULT_TAGGER_OPTIONS);
const values = (text: string) => tag(text).map((h) => h.value);

describe('money tagger', () => {
  it('finds amounts with spans and values', () => {
    const text = 'Pay €1.234,56 or 99.90 USD.';
    expect(tag(text)).toEqual([
      { tagger: 'money', start: 4, end: 13, text: '€1.234,56', value: { amount: 1234.56, currency: 'EUR' } },
      { tagger: 'money', start: 17, end: 26, text: '99.90 USD', value: { amount: 99.9, currency: 'USD' } },
    ]);
  });

  it.each([
    ['$5', 5, 'USD'],
    ['$1,234.56', 1234.56, 'USD'],
    ['£ 12.50', 12.5, 'GBP'],
    ['¥100', 100, 'JPY'],
    ['€ 1 234 567,89', 1234567.89, 'EUR'],
    ['1 234,50 €', 1234.5, 'EUR'],
    ['1\u202f234,50\u00a0€', 1234.5, 'EUR'],
    ["CHF 1'234.50", 1234.5, 'CHF'],
    ['EUR 1.500', 1500, 'EUR'],
    ['1,500 EUR', 1500, 'EUR'],
    ['12,5 EUR', 12.5, 'EUR'],
    ['USD 5,000', 5000, 'USD'],
    ['5000 JPY', 5000, 'JPY'],
    ['US$ 20', 20, 'USD'],
    ['CA$15', 15, 'CAD'],
    ['A$ 9.95', 9.95, 'AUD'],
    ['R$ 10,00', 10, 'BRL'],
    ['₹2,500', 2500, 'INR'],
    ['-$5', -5, 'USD'],
    ['€-12', -12, 'EUR'],
    ['−15 €', -15, 'EUR'],
    ['15€', 15, 'EUR'],
  ])('reads %j', (text, amount, currency) => {
    expect(values(`Price: ${text}, ok`)).toEqual([{ amount, currency }]);
  });

  it('finds several amounts', () => {
    expect(values('Between $5 and $10, or 7 EUR.')).toEqual([
      { amount: 5, currency: 'USD' },
      { amount: 10, currency: 'USD' },
      { amount: 7, currency: 'EUR' },
    ]);
  });

  it.each([
    ['a plain number', 'about 1,234.56 units'],
    ['a word code', 'TOP 10 songs'],
    ['a code inside a word', 'EURO 5 and XUSD 5'],
    ['a code glued to letters', 'USDX 5'],
    ['a percentage', '5 %'],
    ['bad grouping', '$1,23,4'],
    ['three decimals', '$1.2345'],
    ['a longer number', '$1,2345'],
    ['lower-case code', 'eur 5'],
    ['a sign alone', '$ and €'],
  ])('rejects %s', (_what, text) => {
    expect(tag(text)).toEqual([]);
  });

  it('handles empty and long texts', () => {
    expect(tag('')).toEqual([]);
    expect(values(`${'1,000,'.repeat(50_000)} €5`)).toEqual([{ amount: 5, currency: 'EUR' }]);
  });
});
