import { hit, type Hit, type Tagger } from './tagger.js';

const NAME = 'url';
/** A scheme (http, https, ftp) or `www.`, then anything up to whitespace or a character URLs never hold raw. */
const CANDIDATE = /(?<![\p{L}\p{N}@.])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"`{}|\\^]{1,2048}/giu;
/** Punctuation that ends a sentence rather than a URL when it trails one. */
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '*']);
const HOST_WITH_TLD = /^(?:[a-z0-9-]+\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const BRACKETS = [
  ['(', ')'],
  ['[', ']'],
] as const;

function withoutTrailingPunctuation(text: string, end: number): number {
  let cut = end;
  while (cut > 0 && TRAILING_PUNCTUATION.has(text.charAt(cut - 1))) cut -= 1;
  return cut;
}

function count(text: string, end: number, char: string): number {
  let found = 0;
  for (let i = 0; i < end; i += 1) if (text.charAt(i) === char) found += 1;
  return found;
}

/**
 * Drops punctuation that ends the sentence rather than the URL, and closing brackets the URL did
 * not open. One pass per bracket kind: a candidate of closing brackets or dots stays linear.
 */
function trimEnd(candidate: string): string {
  let end = withoutTrailingPunctuation(candidate, candidate.length);
  for (const [open, close] of BRACKETS) {
    const opens = count(candidate, end, open);
    let closes = count(candidate, end, close);
    while (end > 0 && candidate.charAt(end - 1) === close && closes > opens) {
      closes -= 1;
      end = withoutTrailingPunctuation(candidate, end - 1);
    }
  }
  return candidate.slice(0, end);
}

function validHost(hostname: string): boolean {
  return hostname === 'localhost' || HOST_WITH_TLD.test(hostname) || IPV4.test(hostname) || hostname.startsWith('[');
}

/** The WHATWG form of a URL (lower-case scheme and host, punycode, percent-encoding), or undefined. */
function normaliseUrl(raw: string): string | undefined {
  const absolute = /^www\./i.test(raw) ? `http://${raw}` : raw;
  if (!URL.canParse(absolute)) return undefined;
  const url = new URL(absolute);
  return validHost(url.hostname) ? url.href : undefined;
}

function tagUrls(text: string): Hit[] {
  const hits: Hit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const raw = trimEnd(match[0]);
    const value = normaliseUrl(raw);
    if (value !== undefined) hits.push(hit(NAME, text, match.index, match.index + raw.length, value));
  }
  return hits;
}

export const urlTagger: Tagger = {
  name: NAME,
  description:
    'Web addresses starting with http://, https://, ftp:// or www. (bare domains such as example.com are not tagged). Trailing sentence punctuation and unbalanced closing brackets are left out. Value: the WHATWG-normalised URL.',
  examples: [
    { text: 'See https://Example.com/Docs?q=1.', value: 'https://example.com/Docs?q=1' },
    { text: 'Visit www.example.org today', value: 'http://www.example.org/' },
  ],
  tag: (text) => tagUrls(text),
};
