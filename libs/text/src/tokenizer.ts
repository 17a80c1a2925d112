import { nlpTokenizerOptionsSchema } from '@mlops/contracts';
import { z } from 'zod';
import { caseFold, isAscii, stripAccents } from './folding.js';

/**
 * Version of the tokenisation rules. A model manifest stores it with the options; a change to
 * what any input tokenises to (rules, defaults, normalisation) must bump it.
 */
export const TOKENIZER_VERSION = '1.0.0';

/** Tokeniser options: serialisable JSON, stored in model manifests next to `TOKENIZER_VERSION`. */
export const tokenizerOptionsSchema = nlpTokenizerOptionsSchema;
export type TokenizerOptions = z.output<typeof tokenizerOptionsSchema>;
export type TokenizerOptionsInput = z.input<typeof tokenizerOptionsSchema>;

/**
 * What a model manifest stores to tokenise exactly as in training.
 */
export const tokenizerSpecSchema = z.strictObject({
  version: z.string().min(1),
  options: tokenizerOptionsSchema,
});
export type TokenizerSpec = z.output<typeof tokenizerSpecSchema>;

export type TokenKind = 'word' | 'number' | 'emoji';

/**
 * One token. `text` is its value (NFKC, then as the options say); `start` and `end` locate the
 * raw token in the input, in UTF-16 code units: `input.slice(start, end)`.
 */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
}

/** A tokeniser with its options fixed and its pattern compiled. */
export interface Tokenizer {
  readonly version: string;
  readonly options: TokenizerOptions;
  tokenize(text: string): Token[];
}

/**
 * Raised when a stored tokeniser spec was written by other tokenisation rules than this build's.
 */
export class TokenizerVersionError extends Error {
  override readonly name = 'TokenizerVersionError';
}

/** Han, Hiragana and Katakana letters: one token per character, as these scripts use no spaces. */
const CJK = String.raw`[[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}]&&[\p{L}\p{M}\p{N}]]`;
const WORD = String.raw`[[\p{L}\p{M}\p{N}]--[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}]]`;
/**
 * Emoji: flags (two regional indicators), keycaps (1️⃣), and pictographs with optional variation
 * selector, skin tone, tag sequence (🏴󠁧󠁢󠁥󠁮󠁧󠁿) and ZWJ continuations (👩🏽‍💻). ©, ®, ™, ‼ and ⁉ count only
 * with U+FE0F. Written out: with `\p{RGI_Emoji}` matching 1 MB of text took 3 to 10 times longer (Node 20).
 */
const TEXT_STYLE = String.raw`[\u00a9\u00ae\u203c\u2049\u2122]`;
const PICTOGRAPH = String.raw`(?:${TEXT_STYLE}\uFE0F|[\p{Extended_Pictographic}--${TEXT_STYLE}]\uFE0F?)\p{Emoji_Modifier}?`;
const EMOJI = String.raw`\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|${PICTOGRAPH}[\u{E0020}-\u{E007E}]*\u{E007F}?(?:\u200D${PICTOGRAPH})*`;
/** Where a token can start: one class test rejects every other position before the alternatives are tried. */
const TOKEN_START = String.raw`(?=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Regional_Indicator}#*])`;
const NUMBER_JOIN = String.raw`(?<=\p{N})[.,'’](?=\p{N})`;
const APOSTROPHE_JOIN = String.raw`['’](?=\p{L})`;
const HYPHEN_JOIN = String.raw`[\-\u2010\u2011](?=${WORD})`;
const HAS_LETTER = /\p{L}/u;

/** The four token patterns (apostrophes and hyphens each joined or split), compiled once on first use. */
const patterns = new Map<string, RegExp>();

function tokenPattern(options: TokenizerOptions): RegExp {
  const key = `${options.splitApostrophes}:${options.splitHyphens}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const joins = [
      NUMBER_JOIN,
      ...(options.splitApostrophes ? [] : [APOSTROPHE_JOIN]),
      ...(options.splitHyphens ? [] : [HYPHEN_JOIN]),
    ].join('|');
    // `v` flag (set operations): built at run time because tsc targets ES2022.
    pattern = new RegExp(`${TOKEN_START}(?:(${EMOJI})|(${CJK})|${WORD}+(?:(?:${joins})${WORD}+)*)`, 'gv');
    patterns.set(key, pattern);
  }
  return pattern;
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i += 1) if ((text.charCodeAt(i) & 0xfc00) === 0xdc00) length -= 1;
  return length;
}

function tokenValue(raw: string, options: TokenizerOptions): string {
  if (isAscii(raw)) return options.lowercase ? raw.toLowerCase() : raw;
  let value = raw.normalize('NFKC');
  if (options.foldAccents) value = stripAccents(value);
  if (options.lowercase) value = caseFold(value);
  return value;
}

function runTokenizer(text: string, options: TokenizerOptions, pattern: RegExp): Token[] {
  const tokens: Token[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const raw = match[0];
    const kind: TokenKind =
      match[1] !== undefined ? 'emoji' : match[2] !== undefined || HAS_LETTER.test(raw) ? 'word' : 'number';
    if ((kind === 'number' && !options.keepNumbers) || (kind === 'emoji' && !options.keepEmoji)) continue;
    const value = kind === 'emoji' ? raw : tokenValue(raw, options);
    const length = codePointLength(value);
    if (length < options.minLength || length > options.maxLength) continue;
    tokens.push({ text: value, start: match.index, end: match.index + raw.length, kind });
  }
  return tokens;
}

/**
 * Builds a tokeniser. Tokens are, in one left-to-right pass: emoji sequences; single Han, Hiragana
 * or Katakana characters; and runs of letters, marks and digits, joined across `.`, `,` or `'`
 * between digits (3.14, 1,000), apostrophes before a letter (don't) and hyphens (e-mail) unless
 * the options split them. Values are NFKC-normalised, then accent-stripped and case-folded as
 * asked. Deterministic for a given `TOKENIZER_VERSION` and Unicode version of the runtime.
 */
export function createTokenizer(input: TokenizerOptionsInput = {}): Tokenizer {
  const options = Object.freeze(tokenizerOptionsSchema.parse(input));
  const pattern = tokenPattern(options);
  return {
    version: TOKENIZER_VERSION,
    options,
    tokenize: (text) => runTokenizer(text, options, pattern),
  };
}

/**
 * Rebuilds the tokeniser a manifest describes. Throws `TokenizerVersionError` when the spec comes
 * from other tokenisation rules, and a ZodError when it is malformed.
 */
export function createTokenizerFromSpec(spec: unknown): Tokenizer {
  const parsed = tokenizerSpecSchema.parse(spec);
  if (parsed.version !== TOKENIZER_VERSION) {
    throw new TokenizerVersionError(
      `tokenizer version ${parsed.version} is not supported by this build (version ${TOKENIZER_VERSION})`,
    );
  }
  return createTokenizer(parsed.options);
}

/** The spec to store in a manifest for a tokeniser. */
export function tokenizerSpec(tokenizer: Tokenizer): TokenizerSpec {
  return { version: tokenizer.version, options: { ...tokenizer.options } };
}

let defaultTokenizer: Tokenizer | undefined;

/**
 * Tokenises with the default options (or builds a tokeniser for these options once per call).
 */
export function tokenize(text: string, options?: TokenizerOptionsInput): Token[] {
  if (options) return createTokenizer(options).tokenize(text);
  defaultTokenizer ??= createTokenizer();
  return defaultTokenizer.tokenize(text);
}
