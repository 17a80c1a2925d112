export { normalizeText } from './normalize.js';
export { splitSentences } from './sentences.js';
export { TOKENIZER_VERSION, createTokenizer, tokenizerSpec, type Tokenizer } from './tokenizer.js';
export { TokenBuffer } from './token-buffer.js';
export { isTokenNeutral } from './char-classes.js';
export { TAGGERS, findTagger, runTaggers } from './taggers/registry.js';
export { DEFAULT_TAGGER_OPTIONS, type Hit, type Tagger } from './taggers/tagger.js';

/**
 * @public Part of the library's surface that no package uses yet: the ML featurizers rebuild
 * tokenisers from manifests with these, and may fold or parse options themselves.
 */
export { caseFold, stripAccents } from './folding.js';
/** @public See above. */
export { parseNormalizeOptions } from './normalize.js';
/** @public See above. */
export { parseSentenceOptions } from './sentences.js';
/** @public See above. */
export { tokenizerSpecSchema, createTokenizerFromSpec, tokenize, TokenizerVersionError } from './tokenizer.js';
/**
 * @public The taggers' option type: callers that accept tagger options (nlp takes them from its
 * contract, the rules use the defaults) type their own with it.
 */
export type { TaggerOptions } from './taggers/tagger.js';
/**
 * @public The options, results and spec in the signatures of the normaliser, sentence splitter
 * and tokeniser, so that callers can name them.
 */
export type { NormalizeOptions, NormalizeOptionsInput } from './normalize.js';
/** @public See above. */
export type { Sentence, SentenceOptions, SentenceOptionsInput } from './sentences.js';
/** @public See above. */
export type { TokenizerSpec } from './tokenizer.js';
/** @public See above. */
export type { Token, TokenKind, TokenizerOptions, TokenizerOptionsInput } from './tokenizer-options.js';
/**
 * @public The tokeniser as first written, one regular expression over the text: the reference the
 * differential tests and the featurize benchmark compare the tokeniser with.
 */
export { referenceTokenize, referenceTokenizer } from './reference-tokenizer.js';
