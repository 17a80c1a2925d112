import type { Tokenizer } from '@mlops/text';
import { featureLayout, type TokenFeatureParts } from './feature-layout.js';
import type { FeatureSink } from './feature-sink.js';
import type { DocumentFrequencies } from './tfidf-weighting.js';
import type { TokenizedCorpus } from './tokenized-corpus.js';
import {
  restoreVocabulary,
  vocabularyOptionsSchema,
  type Vocabulary,
  type VocabularyOptionsInput,
} from './vocabulary.js';

/*
 * The fit's counting steps as first written, for `fitReferenceTextFeaturizer`: the corpus
 * interned through token strings in a Map, every counted value sorted to choose the vocabulary,
 * and word n-grams hashed from each text's strings.
 */

/** Tokenises every text once, each token value a string interned through a Map. */
export function referenceTokenizeCorpus(tokenizer: Tokenizer, texts: Iterable<string>): TokenizedCorpus {
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

/** Counts each id once per text: remembers the last text that added it. */
class DocumentFrequencyCounter implements FeatureSink {
  readonly frequencies: Int32Array;
  private readonly lastSeenIn: Int32Array;
  document = 0;

  constructor(dimension: number) {
    this.frequencies = new Int32Array(dimension);
    this.lastSeenIn = new Int32Array(dimension).fill(-1);
  }

  add(id: number): void {
    if (this.lastSeenIn[id] === this.document) return;
    this.lastSeenIn[id] = this.document;
    this.frequencies[id] = (this.frequencies[id] ?? 0) + 1;
  }
}

/**
 * In how many training texts each text feature occurs, for TF-IDF: the frequencies that counting
 * each text's features with `collect` would give, faster. Vocabulary ids and character n-grams
 * are looked up once per distinct token value of the corpus, and added once per distinct token
 * of a text; word n-grams are hashed from each text's token sequence. No sorting: each id is
 * counted the first time a text adds it.
 */
export function referenceDocumentFrequencies(corpus: TokenizedCorpus, parts: TokenFeatureParts): DocumentFrequencies {
  const layout = featureLayout(parts, 0);
  const { vocabulary, wordNgrams, charNgrams } = parts;
  const vocabularyIds = Int32Array.from(corpus.tokens, (token) => vocabulary.idOf(token) ?? -1);
  const noBuckets = new Int32Array(0);
  const charBuckets = corpus.tokens.map((token) => charNgrams?.bucketsOf(token) ?? noBuckets);
  const tokenLastSeenIn = new Int32Array(corpus.tokens.length).fill(-1);
  const counter = new DocumentFrequencyCounter(layout.numeric.start);
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
    if (wordNgrams) {
      const tokens = Array.from(indices, (index) => corpus.tokens[index] ?? '');
      wordNgrams.collect(tokens, counter, layout.wordNgrams.start);
    }
  }
  return { documentCount: corpus.size, frequencies: counter.frequencies };
}

/** Count descending, then word in UTF-16 code unit order: the order of vocabulary ids. */
function byCountThenWord(
  [wordA, countA]: readonly [string, number],
  [wordB, countB]: readonly [string, number],
): number {
  return countB - countA || (wordA < wordB ? -1 : wordA > wordB ? 1 : 0);
}

/** Chooses the vocabulary by sorting every value seen at least `minCount` times. */
export function referenceSelectVocabulary(
  tokenCounts: Iterable<readonly [string, number]>,
  options: VocabularyOptionsInput,
  tokenizer: Tokenizer,
): Vocabulary {
  const { minCount, maxSize } = vocabularyOptionsSchema.parse(options);
  const kept = [...tokenCounts].filter(([, count]) => count >= minCount);
  kept.sort(byCountThenWord);
  const tokens = kept.slice(0, maxSize).map(([word]) => word);
  return restoreVocabulary({ kind: 'vocabulary', version: 1, minCount, maxSize, tokens }, tokenizer);
}
