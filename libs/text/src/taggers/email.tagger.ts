import { hit, type Hit, type Tagger } from './tagger.js';

const NAME = 'email';
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
/** Local parts: letters, digits and `. _ % + -`. The rarer RFC 5322 symbols (`' ! # $ & * = ? ^ { | } ~ /`) are left out: in running text they are far more often punctuation around an address than part of it. */
const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

function validLocal(local: string): boolean {
  return local.length > 0 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > MAX_DOMAIN) return false;
  return labels.every((label) => LABEL.test(label)) && TOP_LEVEL.test(labels.at(-1) ?? '');
}

/** E-mail addresses, found from each `@` outwards so that long texts stay linear. */
function tagEmails(text: string): Hit[] {
  const hits: Hit[] = [];
  let searchFrom = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', searchFrom)) {
    searchFrom = at + 1;
    let start = at;
    while (start > 0 && at - start <= MAX_LOCAL && LOCAL_CHAR.test(text[start - 1] ?? '')) start -= 1;
    if (at - start > MAX_LOCAL) continue;
    while (start < at && text[start] === '.') start += 1;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN + 1 && DOMAIN_CHAR.test(text[end] ?? '')) end += 1;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end -= 1;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (!validLocal(local) || !validDomain(domain)) continue;
    const previous = hits.at(-1);
    if (previous && start < previous.end) continue;
    hits.push(hit(NAME, text, start, end, `${local}@${domain.toLowerCase()}`));
    searchFrom = end;
  }
  return hits;
}

export const emailTagger: Tagger = {
  name: NAME,
  description:
    'E-mail addresses (letters, digits and . _ % + - before the @; a domain with a top-level label of letters). Value: the address with its domain in lower case.',
  examples: [
    { text: 'Write to Jane.Doe+news@Example.COM today.', value: 'Jane.Doe+news@example.com' },
    { text: 'contact: info@bücher.de', value: 'info@bücher.de' },
  ],
  tag: (text) => tagEmails(text),
};
