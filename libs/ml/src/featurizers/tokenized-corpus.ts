import type { Tokenizer } from '@mlops/text';
import { HashedTokens } from './hashed-tokens.js';
import { TokenInterner } from './token-interner.js';

/**
 * Training texts tokenised once. Each distinct token value gets an index and each text is kept as
 * the indices of its tokens (4 bytes a token, less than the text itself), so the passes after
 * the first need not tokenise again, and can work once per distinct value.
 */
export interface TokenizedCorpus {
  /** The number of texts. */
  readonly size: number;
  /** The distinct token values, by index, in order of first appearance. */
  readonly tokens: readonly string[];
  /** How often each token value occurs in all the texts, by index. */
  readonly counts: readonly number[];
  /** The token indices of a text, in order. */
  document(document: number): Int32Array;
}

/** A tokenised corpus that also keeps each distinct value's code units and FNV-1a hash. */
export interface HashedCorpus extends TokenizedCorpus {
  /** The code units of the distinct values: value `i` is `chars[starts[i] .. starts[i + 1])`. */
  readonly chars: Uint16Array;
  readonly starts: Int32Array;
  readonly hashes: Int32Array;
}

/**
 * Tokenises every text once into reusable arrays and interns each value from its code units and
 * hash (`TokenInterner`): a string is made only for a value seen for the first time.
 */
export function tokenizeCorpus(tokenizer: Tokenizer, texts: Iterable<string>): HashedCorpus {
  const interner = new TokenInterner();
  const loaded = new HashedTokens();
  const tokens: string[] = [];
  const counts: number[] = [];
  const documents: Int32Array[] = [];
  for (const text of texts) {
    loaded.load(tokenizer, text, null);
    const { count, chars, valueStarts, valueEnds, hashes } = loaded;
    const document = new Int32Array(count);
    for (let position = 0; position < count; position++) {
      const index = interner.indexOf(
        chars,
        valueStarts[position] ?? 0,
        valueEnds[position] ?? 0,
        hashes[position] ?? 0,
      );
      if (index === tokens.length) {
        tokens.push(loaded.buffer.value(position));
        counts.push(0);
      }
      counts[index] = (counts[index] ?? 0) + 1;
      document[position] = index;
    }
    documents.push(document);
  }
  return {
    size: documents.length,
    tokens,
    counts,
    chars: interner.chars,
    starts: interner.starts,
    hashes: interner.hashes,
    document(document) {
      const indices = documents[document];
      if (indices === undefined) throw new RangeError(`no text ${document} in a corpus of ${documents.length}`);
      return indices;
    },
  };
}
