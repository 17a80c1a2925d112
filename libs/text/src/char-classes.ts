import { CJK, EMOJI_START_CLASS, TOKEN_START_CLASS } from './token-patterns.js';

/** The code unit may begin a token: the token pattern has to be tried there. */
export const MAY_START = 1;
/** The code unit may continue a token or join two runs (letters, marks, digits, ’, ‐, ‑). */
export const MAY_EXTEND = 2;
/** The code unit is a token on its own: a Han, Hiragana or Katakana letter no emoji starts with. */
export const SINGLE = 4;
const KNOWN = 8;

const BLOCK = 256;
const START = new RegExp(TOKEN_START_CLASS, 'v');
const EXTEND = /[\p{L}\p{M}\p{N}\u2019\u2010\u2011]/u;
const SINGLE_CJK = new RegExp(CJK, 'v');
const EMOJI_START = new RegExp(EMOJI_START_CLASS, 'v');
const flags = new Uint8Array(0x10000);

function isSurrogate(code: number): boolean {
  return (code & 0xf800) === 0xd800;
}

function learnBlock(first: number): void {
  for (let code = first; code < first + BLOCK; code++) {
    if (isSurrogate(code)) {
      flags[code] = MAY_START | MAY_EXTEND | KNOWN;
      continue;
    }
    const char = String.fromCharCode(code);
    const single = SINGLE_CJK.test(char) && !EMOJI_START.test(char);
    flags[code] =
      (START.test(char) ? MAY_START : 0) | (EXTEND.test(char) ? MAY_EXTEND : 0) | (single ? SINGLE : 0) | KNOWN;
  }
}

/**
 * What the tokeniser's patterns may do with one UTF-16 code unit (`MAY_START`, `MAY_EXTEND`,
 * `SINGLE`), from
 * the same Unicode properties the patterns use, so the runtime's Unicode version decides both.
 * Surrogates may do both: their code point decides. Each block of 256 code units is classified
 * the first time one of its units is asked about.
 */
export function charFlags(code: number): number {
  let found = flags[code] ?? 0;
  if (found === 0) {
    learnBlock(code - (code % BLOCK));
    found = flags[code] ?? 0;
  }
  return found;
}

/**
 * Whether the tokeniser treats this UTF-16 code unit like ASCII punctuation: it never starts,
 * continues or joins a token, nor is one on its own (no-break space, curly double quotes, dashes,
 * bullets, currency signs ...). A lone surrogate is not neutral: its code point decides.
 */
export function isTokenNeutral(codeUnit: number): boolean {
  return (charFlags(codeUnit) & (MAY_START | MAY_EXTEND | SINGLE)) === 0;
}
