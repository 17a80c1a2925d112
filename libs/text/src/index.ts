export { normalizeText, type NormalizeOptions, type NormalizeOptionsInput } from './normalize.js';
export { splitSentences, type Sentence, type SentenceOptions, type SentenceOptionsInput } from './sentences.js';
export {
  TOKENIZER_VERSION,
  createTokenizer,
  tokenizerSpec,
  type Token,
  type TokenKind,
  type Tokenizer,
  type TokenizerOptions,
  type TokenizerOptionsInput,
  type TokenizerSpec,
} from './tokenizer.js';
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
