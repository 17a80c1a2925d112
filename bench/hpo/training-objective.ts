/**
 * A real objective for the HPO benchmark: validation macro-F1 (at the best epoch) of the suite's
 * trainer (libs/ml `trainSparseBag`, called directly, not over HTTP) on WordNet noun glosses, the
 * featurizer fitted once. The space mixes a log-scale learning rate, a categorical batch size and
 * model kind, and a hidden width that exists only for the `mlp` kind.
 */
import { searchSpaceSchema } from '@mlops/contracts';
import {
  applyOverrides,
  fitTextFeaturizer,
  stratifiedSplit,
  trainingOptionsSchema,
  trainSparseBag,
  type Assignment,
  type LabelledExample,
  type SearchSpace,
} from '@mlops/ml';
import { readWordnetNounGlosses, sampleByClass } from '../../tools/corpora/wordnet-glosses.js';

const PER_CLASS = 20;
const SEED = 7;

/** The space over the training config searched on the real objective. */
export const TRAINING_SPACE: SearchSpace = searchSpaceSchema.parse([
  { name: 'lr', pointer: '/optimization/learningRate', distribution: { kind: 'float', low: 1e-3, high: 2, log: true } },
  {
    name: 'batch',
    pointer: '/optimization/batchSize',
    distribution: { kind: 'categorical', choices: [8, 16, 32, 64] },
  },
  { name: 'kind', pointer: '/model/kind', distribution: { kind: 'categorical', choices: ['linear', 'mlp'] } },
  {
    name: 'hidden',
    pointer: '/model/hidden',
    distribution: { kind: 'int', low: 4, high: 32, log: true },
    when: { parameter: 'kind', in: ['mlp'] },
  },
]);

const BASE = {
  featurizer: { wordNgrams: { buckets: 2048 } },
  model: { kind: 'linear' },
  optimization: { epochs: 8, earlyStopping: null },
};

/** Builds the objective once (data read, split and featurized); each call trains one config. */
export function trainingObjective(): {
  classes: number;
  examples: number;
  evaluate: (params: Assignment) => Promise<number>;
} {
  const examples: LabelledExample[] = sampleByClass(readWordnetNounGlosses(), PER_CLASS).map((gloss) => ({
    id: gloss.synset,
    text: `${gloss.lemma}: ${gloss.gloss}`,
    label: gloss.lexname,
  }));
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const parts = stratifiedSplit(examples, { test: 0, validation: 0.3 }, SEED);
  const featurizer = fitTextFeaturizer(trainingOptionsSchema.parse(BASE).featurizer, parts.train);
  const encode = (items: readonly LabelledExample[]) => ({
    vectors: items.map((e) => featurizer.transform(e.text)),
    targets: Int32Array.from(items, (e) => labels.indexOf(e.label)),
  });
  const train = encode(parts.train);
  const validation = encode(parts.validation);
  return {
    classes: labels.length,
    examples: examples.length,
    evaluate: async (params) => {
      const options = trainingOptionsSchema.parse(applyOverrides(BASE, TRAINING_SPACE, params));
      const trained = await trainSparseBag({
        model: options.model,
        optimization: options.optimization,
        featureCount: featurizer.dimension,
        classes: labels.length,
        seed: SEED,
        train,
        validation,
      });
      return trained.curve[trained.bestEpoch - 1]?.validationMacroF1 ?? 0;
    },
  };
}
