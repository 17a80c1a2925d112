import { caseFold, isAscii, stripAccents } from './folding.js';
import type { TokenKind, TokenizerOptions } from './tokenizer-options.js';

const HAS_LETTER = /\p{L}/u;

/** The length of a string in code points (a surrogate pair counts once, a lone surrogate once). */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i += 1) if ((text.charCodeAt(i) & 0xfc00) === 0xdc00) length -= 1;
  return length;
}

/** The value of a raw word or number token: NFKC, then accent-stripped and case-folded as the options say. */
export function tokenValue(raw: string, options: TokenizerOptions): string {
  if (isAscii(raw)) return options.lowercase ? raw.toLowerCase() : raw;
  let value = raw.normalize('NFKC');
  if (options.foldAccents) value = stripAccents(value);
  if (options.lowercase) value = caseFold(value);
  return value;
}

/** The kind of a token pattern match (see `tokenPattern`). */
export function matchKind(match: RegExpExecArray): TokenKind {
  if (match[1] !== undefined) return 'emoji';
  return match[2] !== undefined || HAS_LETTER.test(match[0]) ? 'word' : 'number';
}
