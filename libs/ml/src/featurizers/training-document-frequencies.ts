import { DocumentFrequencyCounter } from './document-frequency-counter.js';
import { featureLayout, type TokenFeatureParts } from './feature-layout.js';
import type { DocumentFrequencies } from './tfidf-weighting.js';
import type { TokenView } from './token-feature-source.js';
import type { HashedCorpus } from './tokenized-corpus.js';

/**
 * In how many training texts each text feature occurs, for TF-IDF: the frequencies that counting
 * each text's features with `collect` would give, faster. Vocabulary ids and character n-grams
 * are looked up once per distinct token value of the corpus, and added once per distinct token
 * of a text; word n-grams are hashed from each text's token sequence, from the corpus's code units
 * and hashes without a string per token. No sorting: each id is counted the first time a text
 * adds it.
 */
export function trainingDocumentFrequencies(corpus: HashedCorpus, parts: TokenFeatureParts): DocumentFrequencies {
  const layout = featureLayout(parts, 0);
  const { vocabulary, wordNgrams, charNgrams } = parts;
  const { chars, starts, hashes } = corpus;
  const vocabularyIds = Int32Array.from(corpus.tokens, (_, index) =>
    vocabulary.idOfValue(chars, starts[index] ?? 0, starts[index + 1] ?? 0, hashes[index] ?? 0),
  );
  const noBuckets = new Int32Array(0);
  const charBuckets = corpus.tokens.map((token) => charNgrams?.bucketsOf(token) ?? noBuckets);
  const tokenLastSeenIn = new Int32Array(corpus.tokens.length).fill(-1);
  const counter = new DocumentFrequencyCounter(layout.numeric.start);
  const view = new CorpusDocumentView(corpus);
  for (let document = 0; document < corpus.size; document++) {
    counter.document = document;
    const indices = corpus.document(document);
    for (const index of indices) {
      if (tokenLastSeenIn[index] === document) continue;
      tokenLastSeenIn[index] = document;
      const vocabularyId = vocabularyIds[index] ?? -1;
      if (vocabularyId >= 0) counter.add(layout.vocabulary.start + vocabularyId);
      for (const bucket of charBuckets[index] ?? noBuckets) counter.add(layout.charNgrams.start + bucket);
    }
    if (wordNgrams) wordNgrams.collectHashed(view.of(indices), counter, layout.wordNgrams.start);
  }
  return { documentCount: corpus.size, frequencies: counter.frequencies() };
}

/** One text of a hashed corpus as a `TokenView`: its tokens' hashes and spans of the corpus's code units. */
class CorpusDocumentView implements TokenView {
  count = 0;
  readonly chars: Uint16Array;
  valueStarts = new Int32Array(256);
  valueEnds = new Int32Array(256);
  hashes = new Int32Array(256);
  vocabularyIds = new Int32Array(256).fill(-1);

  constructor(private readonly corpus: HashedCorpus) {
    this.chars = corpus.chars;
  }

  of(indices: Int32Array): this {
    if (this.hashes.length < indices.length) {
      const length = indices.length * 2;
      this.valueStarts = new Int32Array(length);
      this.valueEnds = new Int32Array(length);
      this.hashes = new Int32Array(length);
      this.vocabularyIds = new Int32Array(length).fill(-1);
    }
    const { starts, hashes } = this.corpus;
    for (let position = 0; position < indices.length; position++) {
      const index = indices[position] ?? 0;
      this.valueStarts[position] = starts[index] ?? 0;
      this.valueEnds[position] = starts[index + 1] ?? 0;
      this.hashes[position] = hashes[index] ?? 0;
    }
    this.count = indices.length;
    return this;
  }
}
