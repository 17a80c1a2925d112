import { TOKEN_KIND_CODES } from './token-buffer.js';
import { tokenPattern } from './token-patterns.js';
import { codePointLength, matchKind, tokenValue } from './token-value.js';
import { TOKENIZER_VERSION, type Tokenizer } from './tokenizer.js';
import {
  tokenizerOptionsSchema,
  type Token,
  type TokenizerOptions,
  type TokenizerOptionsInput,
} from './tokenizer-options.js';

/**
 * The tokeniser as one global regular expression over the whole text: the rules of
 * `TOKENIZER_VERSION` as first written. `createTokenizer` gives the same tokens in one scan with
 * character-code checks; this one stays as the reference its differential tests and the featurize
 * benchmark compare it with. Takes options already parsed by `tokenizerOptionsSchema`.
 */
export function referenceTokenize(text: string, options: TokenizerOptions): Token[] {
  const pattern = tokenPattern(options, 'g');
  const tokens: Token[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const raw = match[0];
    const kind = matchKind(match);
    if ((kind === 'number' && !options.keepNumbers) || (kind === 'emoji' && !options.keepEmoji)) continue;
    const value = kind === 'emoji' ? raw : tokenValue(raw, options);
    const length = codePointLength(value);
    if (length < options.minLength || length > options.maxLength) continue;
    tokens.push({ text: value, start: match.index, end: match.index + raw.length, kind });
  }
  return tokens;
}

/**
 * A tokeniser built on `referenceTokenize`: the same tokens as `createTokenizer`'s, found the way
 * they first were, for benchmarks and differential tests of code that takes a `Tokenizer`.
 */
export function referenceTokenizer(input: TokenizerOptionsInput = {}): Tokenizer {
  const options = Object.freeze(tokenizerOptionsSchema.parse(input));
  return {
    version: TOKENIZER_VERSION,
    options,
    tokenize: (text) => referenceTokenize(text, options),
    tokenizeInto(text, buffer) {
      buffer.reset(text, options.lowercase);
      for (const token of referenceTokenize(text, options)) {
        buffer.pushValue(token.text, token.start, token.end, TOKEN_KIND_CODES[token.kind]);
      }
    },
  };
}
