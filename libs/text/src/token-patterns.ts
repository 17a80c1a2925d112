import type { TokenizerOptions } from './tokenizer-options.js';

/** Han, Hiragana and Katakana letters: one token per character, as these scripts use no spaces. */
export const CJK = String.raw`[[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}]&&[\p{L}\p{M}\p{N}]]`;
const WORD = String.raw`[[\p{L}\p{M}\p{N}]--[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}]]`;
/**
 * Emoji: flags (two regional indicators), keycaps (1️⃣), and pictographs with optional variation
 * selector, skin tone, tag sequence (🏴󠁧󠁢󠁥󠁮󠁧󠁿) and ZWJ continuations (👩🏽‍💻). ©, ®, ™, ‼ and ⁉ count only
 * with U+FE0F. Written out: with `\p{RGI_Emoji}` matching 1 MB of text took 3 to 10 times longer (Node 20).
 */
const TEXT_STYLE = String.raw`[\u00a9\u00ae\u203c\u2049\u2122]`;
const PICTOGRAPH = String.raw`(?:${TEXT_STYLE}\uFE0F|[\p{Extended_Pictographic}--${TEXT_STYLE}]\uFE0F?)\p{Emoji_Modifier}?`;
const EMOJI = String.raw`\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|${PICTOGRAPH}[\u{E0020}-\u{E007E}]*\u{E007F}?(?:\u200D${PICTOGRAPH})*`;
/** The characters an emoji sequence can start with. */
export const EMOJI_START_CLASS = String.raw`[\p{Extended_Pictographic}\p{Regional_Indicator}#*0-9${TEXT_STYLE}]`;
/** The characters a token can start with. */
export const TOKEN_START_CLASS = String.raw`[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Regional_Indicator}#*]`;
/** Where a token can start: one class test rejects every other position before the alternatives are tried. */
const TOKEN_START = `(?=${TOKEN_START_CLASS})`;
const NUMBER_JOIN = String.raw`(?<=\p{N})[.,'’](?=\p{N})`;
const APOSTROPHE_JOIN = String.raw`['’](?=\p{L})`;
const HYPHEN_JOIN = String.raw`[\-\u2010\u2011](?=${WORD})`;

/** The pattern of each (apostrophes, hyphens, flags) combination, compiled once on first use. */
const patterns = new Map<string, RegExp>();

/**
 * The token pattern for these options: `g` to find the next token, `y` to match one at a given
 * position. Group 1 is an emoji sequence, group 2 a Han, Hiragana or Katakana character; a match
 * without either is a run of letters, marks and digits with its joins.
 */
export function tokenPattern(options: TokenizerOptions, flag: 'g' | 'y'): RegExp {
  const key = `${options.splitApostrophes}:${options.splitHyphens}:${flag}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const joins = [
      NUMBER_JOIN,
      ...(options.splitApostrophes ? [] : [APOSTROPHE_JOIN]),
      ...(options.splitHyphens ? [] : [HYPHEN_JOIN]),
    ].join('|');
    // `v` flag (set operations): built at run time because tsc targets ES2022.
    pattern = new RegExp(`${TOKEN_START}(?:(${EMOJI})|(${CJK})|${WORD}+(?:(?:${joins})${WORD}+)*)`, `${flag}v`);
    patterns.set(key, pattern);
  }
  return pattern;
}
