import { nlpPhoneRegionSchema } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { PHONE_REGIONS } from './phone-numbering.js';
import { phoneTagger } from './phone.tagger.js';
import { DEFAULT_TAGGER_OPTIONS, type TaggerOptions } from './tagger.js';

const tag = (text: string, options: TaggerOptions = DEFAULT_TAGGER_OPTIONS) => phoneTagger.tag(text, options);
const values = (text: string, options?: TaggerOptions) => tag(text, options).map((h) => h.value);
const inRegion = (phoneRegion: string): TaggerOptions => ({ ...DEFAULT_TAGGER_OPTIONS, phoneRegion });

describe('phone tagger', () => {
  it('finds an international number with its span and E.164 value', () => {
    const text = 'Call +33 (0)1 23 45 67 89 now.';
    expect(tag(text)).toEqual([
      { tagger: 'phone', start: 5, end: 25, text: '+33 (0)1 23 45 67 89', value: '+33123456789' },
    ]);
  });

  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (555) 123-4567', '+15551234567'],
    ['+49 30 1234567', '+49301234567'],
    ['+4930123456', '+4930123456'],
    ['+39 06 6982 1234', '+390669821234'],
    ['+81-3-1234-5678', '+81312345678'],
    ['+353 1 234 5678', '+35312345678'],
    ['0033 1 23 45 67 89', '+33123456789'],
    ['00 44 20 7946 0958', '+442079460958'],
    ['+41.44.668.18.00', '+41446681800'],
  ])('reads the international number %j', (text, expected) => {
    expect(values(`tel: ${text}, thanks`)).toEqual([expected]);
  });

  it.each([
    ['(555) 123-4567', '+15551234567'],
    ['555-123-4567', '+15551234567'],
    ['555.123.4567', '+15551234567'],
    ['1-800-555-0199', '+18005550199'],
    ['(212) 555 0199', '+12125550199'],
  ])('reads the North American number %j', (text, expected) => {
    expect(values(`Office: ${text}.`)).toEqual([expected]);
  });

  it.each([
    ['01 23 45 67 89', '0123456789'],
    ['01.23.45.67.89', '0123456789'],
    ['06-12-34-56-78', '0612345678'],
    ['020 7946 0958', '02079460958'],
    ['07700 900123', '07700900123'],
    ['(030) 1234567', '0301234567'],
    ['030/1234567', '0301234567'],
    ['0171 1234567', '01711234567'],
  ])('keeps the national number %j as digits without a region', (text, expected) => {
    expect(values(`Tel ${text} bitte`)).toEqual([expected]);
  });

  it('turns national numbers into E.164 with a region', () => {
    expect(values('01 23 45 67 89', inRegion('FR'))).toEqual(['+33123456789']);
    expect(values('020 7946 0958', inRegion('GB'))).toEqual(['+442079460958']);
    expect(values('030/1234567', inRegion('DE'))).toEqual(['+49301234567']);
    expect(values('06 6982 1234', inRegion('IT'))).toEqual(['+390669821234']);
    expect(values('612 345 678', inRegion('ES'))).toEqual(['+34612345678']);
    expect(values('612 345 678')).toEqual([]);
    expect(values('01 23 45 67 89', inRegion('US'))).toEqual(['0123456789']);
  });

  it('finds several numbers', () => {
    expect(values('Tel: 01 23 45 67 89, Fax: 01 23 45 67 80; mobile +33 6 12 34 56 78')).toEqual([
      '0123456789',
      '0123456780',
      '+33612345678',
    ]);
  });

  it.each([
    ['ISO date', '2024-03-05'],
    ['numeric date', '05/03/2024'],
    ['dotted date', '05.03.2024'],
    ['date and time', '05.03.2024 14:30'],
    ['ISO date and time', '2024-03-05 12:30'],
    ['year range', '1990-2000'],
    ['time', '10:30:00'],
    ['money', '$1,234,567.89'],
    ['euro amount', '€ 1 234 567'],
    ['percentage', '12 345 678 %'],
    ['IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['card number', '4111 1111 1111 1111'],
    ['plain long number', '1234567890'],
    ['big grouped number', '1 234 567 890'],
    ['version', 'v1.2.3.4567'],
    ['unknown calling code', '+999 1234 5678'],
    ['too short', '+33 1 23'],
    ['too long', '+33 1 23 45 67 89 01 23 45'],
    ['mixed separators', '555.123-4567'],
    ['bare national digits', '0612345678'],
    ['decimal', '3.14159265358'],
    ['00 followed by 0', '000 123 456 789'],
  ])('rejects a %s', (_what, text) => {
    expect(tag(`value ${text} here`)).toEqual([]);
  });

  it('handles empty and long texts', () => {
    expect(tag('')).toEqual([]);
    expect(values(`${'9'.repeat(100_000)} and 01 23 45 67 89`)).toEqual(['0123456789']);
    expect(tag('1 '.repeat(100_000))).toEqual([]);
  });

  it('knows exactly the regions of the API contract', () => {
    expect(Object.keys(PHONE_REGIONS).sort()).toEqual([...nlpPhoneRegionSchema.options].sort());
  });
});
