import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, ibanChecksumIsValid } from './iban-registry.js';
import { ibanTagger } from './iban.tagger.js';
import { DEFAULT_TAGGER_OPTIONS } from './tagger.js';

const tag = (text: string) => ibanTagger.tag(text, DEFAULT_TAGGER_OPTIONS);
const values = (text: string) => tag(text).map((h) => h.value);

/** Valid IBANs from the SWIFT registry's examples and national banks' published samples. */
const VALID = [
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'FR1420041010050500013M02606',
  'NL91ABNA0417164300',
  'BE68539007547034',
  'CH9300762011623852957',
  'ES9121000418450200051332',
  'IT60X0542811101000000123456',
  'AT611904300234573201',
  'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S',
  'SE4550000000058398257466',
  'PL61109010140000071219812874',
];

describe('iban tagger', () => {
  it.each(VALID)('finds %s in electronic and paper form', (iban) => {
    const paper = iban.replace(/(.{4})/g, '$1 ').trim();
    expect(values(`IBAN ${iban}.`)).toEqual([iban]);
    const text = `Account: ${paper} thanks`;
    expect(tag(text)).toEqual([{ tagger: 'iban', start: 9, end: 9 + paper.length, text: paper, value: iban }]);
  });

  it('accepts lower case and returns upper case', () => {
    expect(values('de89 3704 0044 0532 0130 00')).toEqual(['DE89370400440532013000']);
  });

  it('stops at the country length when more groups follow', () => {
    const text = 'BE68 5390 0754 7034 BIC GEBABEBB';
    expect(tag(text)).toEqual([
      { tagger: 'iban', start: 0, end: 19, text: 'BE68 5390 0754 7034', value: 'BE68539007547034' },
    ]);
  });

  it('finds several IBANs', () => {
    expect(values('from DE89370400440532013000 to GB82 WEST 1234 5698 7654 32')).toEqual([
      'DE89370400440532013000',
      'GB82WEST12345698765432',
    ]);
  });

  it.each([
    ['wrong checksum', 'DE89370400440532013001'],
    ['swapped digits', 'DE89370400440523013000'],
    ['too short for its country', 'DE8937040044053201300'],
    ['too long for its country', 'DE893704004405320130001'],
    ['unknown country', 'XX89370400440532013000'],
    ['check digits 00', 'DE00370400440532013000'],
    ['random digits', '1234567890123456789012'],
    ['badly grouped', 'DE89 37040044 0532 0130 00'],
    ['glued to a word', 'xDE89370400440532013000'],
    ['glued to the next group', 'BE68 5390 0754 70345'],
  ])('rejects %s', (_reason, text) => {
    expect(tag(text)).toEqual([]);
  });

  it('handles empty and long texts', () => {
    expect(tag('')).toEqual([]);
    expect(values(`${'1234 '.repeat(50_000)}DE89370400440532013000`)).toEqual(['DE89370400440532013000']);
  });
});

describe('iban registry', () => {
  it('validates checksums and knows lengths between 15 and 34', () => {
    expect(ibanChecksumIsValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumIsValid('GB82WEST12345698765433')).toBe(false);
    expect(ibanChecksumIsValid('GB82WEST1234569876543!')).toBe(false);
    for (const length of Object.values(IBAN_LENGTHS)) {
      expect(length).toBeGreaterThanOrEqual(15);
      expect(length).toBeLessThanOrEqual(34);
    }
    for (const iban of VALID) expect(IBAN_LENGTHS[iban.slice(0, 2)]).toBe(iban.length);
  });
});
