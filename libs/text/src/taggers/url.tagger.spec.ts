import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGGER_OPTIONS } from './tagger.js';
import { urlTagger } from './url.tagger.js';

const tag = (text: string) => urlTagger.tag(text, DEFAULT_TAGGER_OPTIONS);
const values = (text: string) => tag(text).map((h) => h.value);

describe('url tagger', () => {
  it('finds URLs with spans and normalises them', () => {
    const text = 'Docs at HTTPS://Example.COM/a/b?x=1#top, mirror ftp://ftp.example.org/pub.';
    expect(tag(text)).toEqual([
      {
        tagger: 'url',
        start: 8,
        end: 39,
        text: 'HTTPS://Example.COM/a/b?x=1#top',
        value: 'https://example.com/a/b?x=1#top',
      },
      { tagger: 'url', start: 48, end: 73, text: 'ftp://ftp.example.org/pub', value: 'ftp://ftp.example.org/pub' },
    ]);
  });

  it('adds http:// to www. addresses', () => {
    expect(values('go to www.example.org/page!')).toEqual(['http://www.example.org/page']);
  });

  it('keeps balanced brackets and drops unbalanced ones', () => {
    expect(values('(see https://en.wikipedia.org/wiki/Rust_(language))')).toEqual([
      'https://en.wikipedia.org/wiki/Rust_(language)',
    ]);
    expect(values('[https://example.com/x]')).toEqual(['https://example.com/x']);
  });

  it('stops at quotes and angle brackets', () => {
    expect(values('<a href="https://example.com/a">https://example.com/b</a>')).toEqual([
      'https://example.com/a',
      'https://example.com/b',
    ]);
  });

  it('accepts ports, IPs, localhost and internationalised hosts', () => {
    expect(values('http://localhost:8080/x http://127.0.0.1/ https://bücher.de/')).toEqual([
      'http://localhost:8080/x',
      'http://127.0.0.1/',
      'https://xn--bcher-kva.de/',
    ]);
  });

  it.each([
    'example.com',
    'http://',
    'https://nodot',
    'http://exa mple.com',
    'user@www.example.com',
    'mailto:someone@example.com',
    'file:///etc/passwd',
  ])('finds nothing in %j', (text) => {
    expect(tag(text)).toEqual([]);
  });

  it('handles long and empty texts', () => {
    expect(tag('')).toEqual([]);
    expect(values('https://a.example.com/ '.repeat(10_000))).toHaveLength(10_000);
  });

  it('stays linear on 5 MB of URLs ending in runs of closing brackets or dots', () => {
    const brackets = `http://x.io${')'.repeat(2030)} `;
    const dots = `www.x.io/${'.'.repeat(2030)} `;
    const text = (brackets + dots).repeat(Math.ceil(5_000_000 / (brackets.length + dots.length)));
    const hits = tag(text);
    const pairs = text.length / (brackets.length + dots.length);
    expect(hits).toHaveLength(2 * pairs);
    expect(hits[0]).toMatchObject({ start: 0, end: 11, value: 'http://x.io/' });
    expect(hits[1]).toMatchObject({ start: brackets.length, text: 'www.x.io/', value: 'http://www.x.io/' });
  });

  it('drops a closing bracket only while more are closed than opened', () => {
    expect(values('(a https://x.io/a_(b)).')).toEqual(['https://x.io/a_(b)']);
    expect(values('https://x.io/[a]]],')).toEqual(['https://x.io/[a]']);
  });
});
