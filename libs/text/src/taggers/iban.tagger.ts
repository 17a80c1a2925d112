import { IBAN_LENGTHS, ibanChecksumIsValid } from './iban-registry.js';
import { hit, type Hit, type Tagger } from './tagger.js';

const NAME = 'iban';
/**
 * Country code, check digits, then either the electronic form (no spaces) or the paper form
 * (groups of four separated by single spaces, the last group shorter). Upper or lower case.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?|[A-Z0-9]{11,30})(?![\p{L}\p{N}])/giu;

/**
 * Cuts a candidate to its country's IBAN length, in its own characters; undefined when the
 * candidate is shorter, or when the cut falls inside a group (the rest would be glued on).
 */
function cutToLength(raw: string, length: number): string | undefined {
  let kept = 0;
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] === ' ') continue;
    kept += 1;
    if (kept === length) {
      const rest = raw.slice(i + 1);
      return rest === '' || rest.startsWith(' ') ? raw.slice(0, i + 1) : undefined;
    }
  }
  return undefined;
}

function tagIbans(text: string): Hit[] {
  const hits: Hit[] = [];
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const raw = match[0].toUpperCase();
    const length = IBAN_LENGTHS[raw.slice(0, 2)];
    const checkDigits = Number(raw.slice(2, 4));
    if (length === undefined || checkDigits < 2 || checkDigits > 98) continue;
    const kept = cutToLength(raw, length);
    if (kept === undefined) continue;
    const iban = kept.replace(/ /g, '');
    if (!ibanChecksumIsValid(iban)) continue;
    hits.push(hit(NAME, text, match.index, match.index + kept.length, iban));
    CANDIDATE.lastIndex = match.index + kept.length;
  }
  return hits;
}

export const ibanTagger: Tagger = {
  name: NAME,
  description:
    'IBANs (ISO 13616) in electronic form or in groups of four, with the length of their country and a valid MOD 97 checksum; anything else, however IBAN-like, is not a hit. Value: the IBAN in electronic form, upper case.',
  examples: [
    { text: 'Pay to DE89 3704 0044 0532 0130 00 by Friday.', value: 'DE89370400440532013000' },
    { text: 'IBAN: GB82WEST12345698765432', value: 'GB82WEST12345698765432' },
  ],
  tag: (text) => tagIbans(text),
};
