import { describe, expect, it } from 'vitest';
import { emailTagger } from './email.tagger.js';
import { DEFAULT_TAGGER_OPTIONS } from './tagger.js';

const tag = (text: string) => emailTagger.tag(text, DEFAULT_TAGGER_OPTIONS);
const values = (text: string) => tag(text).map((h) => h.value);

describe('email tagger', () => {
  it('finds addresses with their spans and lower-cases the domain', () => {
    const text = 'Mail Jane.Doe+news@Example.COM or bob_smith@mail.co.uk.';
    expect(tag(text)).toEqual([
      { tagger: 'email', start: 5, end: 30, text: 'Jane.Doe+news@Example.COM', value: 'Jane.Doe+news@example.com' },
      { tagger: 'email', start: 34, end: 54, text: 'bob_smith@mail.co.uk', value: 'bob_smith@mail.co.uk' },
    ]);
  });

  it('stops at surrounding punctuation', () => {
    expect(values('<a@example.org>, (b@example.org); "c@example.org"; mailto:d@example.org')).toEqual([
      'a@example.org',
      'b@example.org',
      'c@example.org',
      'd@example.org',
    ]);
    expect(values("'john@example.com' [kim@example.com]")).toEqual(['john@example.com', 'kim@example.com']);
  });

  it('accepts internationalised addresses', () => {
    expect(values('info@bücher.de and josé@correo.es and user@xn--bcher-kva.de')).toEqual([
      'info@bücher.de',
      'josé@correo.es',
      'user@xn--bcher-kva.de',
    ]);
  });

  it.each([
    'user@localhost',
    'a@b.c',
    'john..doe@example.com',
    '@example.com',
    'john@',
    'john@-example.com',
    'john@example.123',
    'john@exa_mple.com',
    'price 5@10.00',
    'twitter @handle',
    `${'x'.repeat(65)}@example.com`,
  ])('finds nothing in %j', (text) => {
    expect(tag(text)).toEqual([]);
  });

  it('trims dots around the address', () => {
    expect(values('...john@example.com...')).toEqual(['john@example.com']);
  });

  it('stays linear on a long text full of @', () => {
    const text = `${'a'.repeat(200_000)}@${'@'.repeat(200_000)} ok@example.com`;
    expect(values(text)).toEqual(['ok@example.com']);
  });

  it('handles empty text', () => {
    expect(tag('')).toEqual([]);
  });
});
