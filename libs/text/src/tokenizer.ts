import { z } from 'zod';
import { TokenBuffer } from './token-buffer.js';
import { tokenPattern } from './token-patterns.js';
import { scanTokens, type ScanRules } from './token-scanner.js';
import { TokenValueMemo } from './token-value-memo.js';
import {
  tokenizerOptionsSchema,
  type Token,
  type TokenizerOptions,
  type TokenizerOptionsInput,
} from './tokenizer-options.js';

/**
 * Version of the tokenisation rules. A model manifest stores it with the options; a change to
 * what any input tokenises to (rules, defaults, normalisation) must bump it.
 */
export const TOKENIZER_VERSION = '1.0.0';

/**
 * What a model manifest stores to tokenise exactly as in training.
 */
export const tokenizerSpecSchema = z.strictObject({
  version: z.string().min(1),
  options: tokenizerOptionsSchema,
});
export type TokenizerSpec = z.output<typeof tokenizerSpecSchema>;

/** A tokeniser with its options fixed. */
export interface Tokenizer {
  readonly version: string;
  readonly options: TokenizerOptions;
  tokenize(text: string): Token[];
  /** The tokens of `text` written into a reusable buffer instead of one object each. */
  tokenizeInto(text: string, buffer: TokenBuffer): void;
}

/**
 * Raised when a stored tokeniser spec was written by other tokenisation rules than this build's.
 */
export class TokenizerVersionError extends Error {
  override readonly name = 'TokenizerVersionError';
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
  const rules: ScanRules = { options, pattern: tokenPattern(options, 'y'), values: new TokenValueMemo(options) };
  const buffer = new TokenBuffer();
  return {
    version: TOKENIZER_VERSION,
    options,
    tokenize(text) {
      scanTokens(text, rules, buffer);
      const tokens: Token[] = new Array<Token>(buffer.count);
      for (let index = 0; index < buffer.count; index++) {
        tokens[index] = {
          text: buffer.value(index),
          start: buffer.starts[index] ?? 0,
          end: buffer.ends[index] ?? 0,
          kind: buffer.kind(index),
        };
      }
      return tokens;
    },
    tokenizeInto: (text, target) => scanTokens(text, rules, target),
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
