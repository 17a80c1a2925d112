import {
  fitReferenceTextFeaturizer,
  textFeaturizerFromJSON,
  type FeaturizerSpecInput,
  type ReferenceTextFeaturizer,
  type SparseVector,
  type TextFeaturizer,
} from '@mlops/ml';
import { describe, expect, it } from 'vitest';
import { differentialCorpora } from './corpora.js';

function sameVector(a: SparseVector, b: SparseVector): boolean {
  if (a.ids.length !== b.ids.length) return false;
  for (let index = 0; index < a.ids.length; index++) {
    if (a.ids[index] !== b.ids[index] || a.values[index] !== b.values[index]) return false;
  }
  return true;
}

/** Texts whose vectors differ between the featurizer and the reference, at most five. */
function differences(
  texts: readonly string[],
  featurizer: TextFeaturizer,
  reference: ReferenceTextFeaturizer,
): string[] {
  const found: string[] = [];
  for (const text of texts) {
    if (!sameVector(featurizer.transform(text), reference.transform(text))) {
      if (found.push(JSON.stringify(text.slice(0, 120))) >= 5) break;
    }
  }
  return found;
}

const SPECS: Readonly<Record<string, { spec: FeaturizerSpecInput; every: number }>> = {
  'the default spec': { spec: {}, every: 1 },
  'character 3- to 5-grams added': { spec: { charNgrams: {} }, every: 8 },
  'word 2- to 3-grams in 100,003 buckets, mean weighting': {
    spec: { wordNgrams: { maxN: 3, buckets: 100_003 }, weighting: { kind: 'mean' } },
    every: 4,
  },
};

describe('the text featurizer against the reference featurizer', { timeout: 300_000 }, () => {
  for (const corpus of differentialCorpora()) {
    for (const [name, { spec, every }] of Object.entries(SPECS)) {
      it(`fitted by the reference on ${corpus.name}, loads from its JSON and gives the same vectors (${name})`, () => {
        const texts = corpus.texts.filter((_, index) => index % every === 0);
        const reference = fitReferenceTextFeaturizer(
          spec,
          texts.filter((_, index) => index % 2 === 0).map((text) => ({ text })),
        );
        const featurizer = textFeaturizerFromJSON(JSON.parse(JSON.stringify(reference.state)));
        expect(featurizer.toJSON()).toEqual(reference.state);
        expect(differences(texts, featurizer, reference)).toEqual([]);
      });
    }
  }
});
