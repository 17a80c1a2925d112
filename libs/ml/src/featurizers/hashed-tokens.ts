import { TokenBuffer, type Tokenizer } from '@mlops/text';
import { FNV1A_OFFSET_BASIS } from './fnv1a.js';
import type { TokenView } from './token-feature-source.js';

const FNV1A_PRIME = 0x01000193;

/** Finds the vocabulary id of a token value given as code units and their FNV-1a hash. */
export interface ValueIds {
  idOfValue(chars: Uint16Array, start: number, end: number, hash: number): number;
}

/**
 * The tokens of one text as the featurizer's sources read them, in reusable typed arrays: the
 * values' UTF-16 code units (`buffer`), each value's 32-bit FNV-1a hash, and its vocabulary id
 * (-1 when out of the vocabulary). Loading a text makes no string for an ASCII token.
 */
export class HashedTokens implements TokenView {
  readonly buffer = new TokenBuffer();
  /** The number of tokens. */
  count = 0;
  chars: Uint16Array = this.buffer.chars;
  valueStarts: Int32Array = this.buffer.valueStarts;
  valueEnds: Int32Array = this.buffer.valueEnds;
  /** How many tokens are out of the vocabulary. */
  outOfVocabulary = 0;
  hashes = new Int32Array(256);
  vocabularyIds = new Int32Array(256);

  /** Tokenises `text` and hashes and looks up every value (no lookups without a vocabulary: every id -1). */
  load(tokenizer: Tokenizer, text: string, vocabulary: ValueIds | null): void {
    const { buffer } = this;
    tokenizer.tokenizeInto(text, buffer);
    const { count, chars, valueStarts, valueEnds } = buffer;
    if (this.hashes.length < count) {
      this.hashes = new Int32Array(buffer.starts.length);
      this.vocabularyIds = new Int32Array(buffer.starts.length);
    }
    const { hashes, vocabularyIds } = this;
    let outOfVocabulary = 0;
    for (let token = 0; token < count; token++) {
      const start = valueStarts[token] ?? 0;
      const end = valueEnds[token] ?? 0;
      let hash = FNV1A_OFFSET_BASIS;
      for (let index = start; index < end; index++) hash = Math.imul(hash ^ (chars[index] ?? 0), FNV1A_PRIME);
      hashes[token] = hash;
      const id = vocabulary === null ? -1 : vocabulary.idOfValue(chars, start, end, hash);
      vocabularyIds[token] = id;
      if (id < 0) outOfVocabulary++;
    }
    this.count = count;
    this.chars = chars;
    this.valueStarts = valueStarts;
    this.valueEnds = valueEnds;
    this.outOfVocabulary = outOfVocabulary;
  }
}
