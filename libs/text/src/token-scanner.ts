import { MAY_EXTEND, MAY_START, SINGLE, charFlags } from './char-classes.js';
import { TOKEN_KIND_CODES, type TokenBuffer } from './token-buffer.js';
import type { TokenValueMemo } from './token-value-memo.js';
import { codePointLength, matchKind } from './token-value.js';
import type { TokenizerOptions } from './tokenizer-options.js';

/** What a tokeniser scans with: its parsed options, their sticky token pattern and its value memo. */
export interface ScanRules {
  readonly options: TokenizerOptions;
  /** `tokenPattern(options, 'y')`. */
  readonly pattern: RegExp;
  readonly values: TokenValueMemo;
}

const LETTER = 1;
const DIGIT = 2;
const KEYCAP_BASE = 4;
const ASCII = new Uint8Array(128);
for (let code = 0x41; code <= 0x5a; code++) ASCII[code] = LETTER;
for (let code = 0x61; code <= 0x7a; code++) ASCII[code] = LETTER;
for (let code = 0x30; code <= 0x39; code++) ASCII[code] = DIGIT;
ASCII[0x23] = KEYCAP_BASE;
ASCII[0x2a] = KEYCAP_BASE;

const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const HYPHEN = 0x2d;
const FULL_STOP = 0x2e;
const VARIATION_SELECTOR_16 = 0xfe0f;
const COMBINING_KEYCAP = 0x20e3;
/** `asciiTokenEnd`'s answer when the token may go on with characters only the patterns can judge. */
const NEEDS_PATTERN = -1;

/** The ASCII characters that may join two parts of a token: `.` `,` `'` `-`. */
const JOINS = new Uint8Array(128);
for (const code of [APOSTROPHE, COMMA, HYPHEN, FULL_STOP]) JOINS[code] = 1;

const WORD = TOKEN_KIND_CODES.word;
const NUMBER = TOKEN_KIND_CODES.number;

function isAlnum(code: number): boolean {
  return code < 128 && (ASCII[code] ?? 0) & (LETTER | DIGIT) ? true : false;
}

/** Bits of an `ASCII_SAME` or `ASCII_LOWER` entry below the value's code unit: the `ASCII` type. */
const TYPE_BITS = 3;
/** Per ASCII code unit, the code unit token values keep (as it is, or lower-cased) above its `ASCII` type: one read for both. */
const ASCII_SAME = Uint16Array.from({ length: 128 }, (_, code) => (code << TYPE_BITS) | (ASCII[code] ?? 0));
const ASCII_LOWER = Uint16Array.from(
  { length: 128 },
  (_, code) => ((code >= 0x41 && code <= 0x5a ? code + 32 : code) << TYPE_BITS) | (ASCII[code] ?? 0),
);

/**
 * Where the token starting with the ASCII letter or digit at `start` ends, following the pattern's
 * rules on ASCII (runs of letters and digits joined by `.` `,` `'` between digits, `'` before a
 * letter and `-` before a letter or digit unless split): twice the end, plus 1 when the token
 * holds a letter. `NEEDS_PATTERN` when a character next to it could belong to the token by the
 * Unicode rules (a non-ASCII letter, mark, digit, ’ or hyphen), which only the pattern decides.
 * Writes the token's code units through `value` (`ASCII_SAME` or `ASCII_LOWER`) into `chars` from `at`
 * as it reads them (room for the rest of the text must be there).
 */
function asciiTokenEnd(
  text: string,
  start: number,
  options: TokenizerOptions,
  chars: Uint16Array,
  at: number,
  value: Uint16Array,
): number {
  const length = text.length;
  let hasLetter = 0;
  let index = start;
  let written = at;
  for (;;) {
    let code = 0;
    while (index < length) {
      code = text.charCodeAt(index);
      if (code >= 128) return charFlags(code) & MAY_EXTEND ? NEEDS_PATTERN : (index << 1) | hasLetter;
      const entry = value[code] ?? 0;
      if ((entry & (LETTER | DIGIT)) === 0) break;
      hasLetter |= entry & LETTER;
      chars[written++] = entry >>> TYPE_BITS;
      index++;
    }
    if (index + 1 >= length || !JOINS[code]) return (index << 1) | hasLetter;
    const afterDigit = (ASCII[text.charCodeAt(index - 1)] ?? 0) === DIGIT;
    const next = text.charCodeAt(index + 1);
    let joinable: boolean;
    if (code === FULL_STOP || code === COMMA) joinable = afterDigit;
    else if (code === APOSTROPHE) joinable = afterDigit || !options.splitApostrophes;
    else if (code === HYPHEN) joinable = !options.splitHyphens;
    else joinable = false;
    if (!joinable) return (index << 1) | hasLetter;
    if (next >= 128) return charFlags(next) & MAY_EXTEND ? NEEDS_PATTERN : (index << 1) | hasLetter;
    const nextType = ASCII[next] ?? 0;
    if (code === HYPHEN) joinable = isAlnum(next);
    else if (code === APOSTROPHE)
      joinable = (afterDigit && nextType === DIGIT) || (!options.splitApostrophes && nextType === LETTER);
    else joinable = nextType === DIGIT;
    if (!joinable) return (index << 1) | hasLetter;
    chars[written++] = code;
    index++;
  }
}

/**
 * Pushes the one-character token at `position`, a Han, Hiragana or Katakana letter (`SINGLE`):
 * what the pattern's second alternative matches there, without running it.
 */
function pushSingle(text: string, position: number, rules: ScanRules, buffer: TokenBuffer): void {
  const value = rules.values.valueOf(text.charAt(position));
  const length = codePointLength(value);
  if (length >= rules.options.minLength && length <= rules.options.maxLength) {
    buffer.pushValue(value, position, position + 1, WORD);
  }
}

/**
 * Tries the token pattern at `position` (sticky) and pushes its token when the options keep it.
 * Returns where scanning goes on: after the match, or after the code point at `position`.
 */
function matchAt(text: string, position: number, rules: ScanRules, buffer: TokenBuffer): number {
  const { pattern, options } = rules;
  pattern.lastIndex = position;
  const match = pattern.exec(text);
  if (match === null) {
    const isPair =
      (text.charCodeAt(position) & 0xfc00) === 0xd800 && (text.charCodeAt(position + 1) & 0xfc00) === 0xdc00;
    return position + (isPair ? 2 : 1);
  }
  const raw = match[0];
  const end = position + raw.length;
  const kind = matchKind(match);
  if ((kind === 'number' && !options.keepNumbers) || (kind === 'emoji' && !options.keepEmoji)) return end;
  const value = kind === 'emoji' ? raw : rules.values.valueOf(raw);
  const length = codePointLength(value);
  if (length >= options.minLength && length <= options.maxLength) {
    buffer.pushValue(value, position, end, TOKEN_KIND_CODES[kind]);
  }
  return end;
}

/**
 * Tokenises `text` into `buffer` in one left-to-right scan with the rules of the token pattern:
 * ASCII letters and digits are read with character-code checks, and the pattern itself runs only
 * where a non-ASCII character may start or continue a token. Gives the tokens
 * `referenceTokenize` gives, in the same order.
 */
export function scanTokens(text: string, rules: ScanRules, buffer: TokenBuffer): void {
  const { options } = rules;
  buffer.reset(text, options.lowercase);
  const { keepNumbers, minLength, maxLength } = options;
  const value = options.lowercase ? ASCII_LOWER : ASCII_SAME;
  const length = text.length;
  let position = 0;
  while (position < length) {
    const code = text.charCodeAt(position);
    if (code >= 128) {
      const flags = charFlags(code);
      if (flags & SINGLE) {
        pushSingle(text, position, rules, buffer);
        position++;
      } else {
        position = flags & MAY_START ? matchAt(text, position, rules, buffer) : position + 1;
      }
      continue;
    }
    const type = ASCII[code] ?? 0;
    if (type === 0) {
      position++;
    } else if (type === KEYCAP_BASE) {
      const next = text.charCodeAt(position + 1);
      position =
        next === VARIATION_SELECTOR_16 || next === COMBINING_KEYCAP
          ? matchAt(text, position, rules, buffer)
          : position + 1;
    } else {
      buffer.reserve(length - position);
      const found = asciiTokenEnd(text, position, options, buffer.chars, buffer.charCount, value);
      if (found === NEEDS_PATTERN) {
        position = matchAt(text, position, rules, buffer);
        continue;
      }
      const end = found >> 1;
      const kind = found & 1 ? WORD : NUMBER;
      const tokenLength = end - position;
      if ((kind === WORD || keepNumbers) && tokenLength >= minLength && tokenLength <= maxLength) {
        buffer.commit(position, end, kind);
      }
      position = end;
    }
  }
}
