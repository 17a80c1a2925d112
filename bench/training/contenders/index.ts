import type { Contender } from '../contender.js';
import { fastText, fastTextTutorial } from './fasttext.js';
import { sklearnTfidfLr, sklearnTfidfSvc } from './sklearn-tfidf-lr.js';
import { suiteEmbeddingBag, suiteLinear, suiteLinearBefore, suiteLinearDualCd } from './suite-trainer.js';

/**
 * The systems the training benchmark compares, run in this order on the same split of every
 * dataset. To add one (e.g. the suite's own trainer from libs/ml), create
 * `contenders/<name>.ts` exporting a `Contender` (see ../contender.ts):
 *
 *   export const suiteTrainer: Contender = {
 *     name: 'mlops-suite trainer',
 *     prepare() { ... },                       // optional, untimed: installs, builds
 *     async run(split, workDir) {              // train on split.train, predict split.test
 *       ...
 *       return { predictions, fitSeconds, totalSeconds, peakRssBytes, settings };
 *     },
 *   };
 *
 * and add it to this list. `predictions[i]` is the label predicted for `split.test[i]`; scoring,
 * results and the table are shared. For a peak RSS comparable with the peers', run the training in
 * a child process (`runMeasured('npx', ['tsx', script, ...])` from bench/lib/measure.ts) rather than
 * in the benchmark's own process.
 */
export const contenders: readonly Contender[] = [
  suiteLinear,
  suiteLinearBefore,
  suiteLinearDualCd,
  suiteEmbeddingBag,
  fastText,
  fastTextTutorial,
  sklearnTfidfLr,
  sklearnTfidfSvc,
];

/** Whether a contender's name is one of the suite's configs (the rest are peers). */
const isSuite = (name: string): boolean => /suite|mlops/i.test(name);

/** Whether a contender is a peer, another system the suite is compared with. */
export const isPeer = (name: string): boolean => !isSuite(name);

/** Whether a contender is the suite's default training config. */
export const isSuiteDefault = (name: string): boolean => isSuite(name) && /default/i.test(name);
