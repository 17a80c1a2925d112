import type { Tokenizer } from '@mlops/text';

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

/** Tokenises every text once. */
export function tokenizeCorpus(tokenizer: Tokenizer, texts: Iterable<string>): TokenizedCorpus {
  const indexOf = new Map<string, number>();
  const tokens: string[] = [];
  const counts: number[] = [];
  const documents: Int32Array[] = [];
  for (const text of texts) {
    const values = tokenizer.tokenize(text);
    const document = new Int32Array(values.length);
    values.forEach(({ text: value }, position) => {
      let index = indexOf.get(value);
      if (index === undefined) {
        index = tokens.length;
        indexOf.set(value, index);
        tokens.push(value);
        counts.push(0);
      }
      counts[index] = (counts[index] ?? 0) + 1;
      document[position] = index;
    });
    documents.push(document);
  }
  return {
    size: documents.length,
    tokens,
    counts,
    document(document) {
      const indices = documents[document];
      if (indices === undefined) throw new RangeError(`no text ${document} in a corpus of ${documents.length}`);
      return indices;
    },
  };
}
