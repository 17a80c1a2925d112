/** Classification metrics computed the same way for every contender, from its test predictions. */
export interface Scores {
  readonly accuracy: number;
  /** Unweighted mean of the per-label F1 over the labels of the truth and the predictions. */
  readonly macroF1: number;
  readonly perLabelF1: Readonly<Record<string, number>>;
}

/**
 * Accuracy and macro-F1 of `predicted` against `truth` (same length, same order). As scikit-learn's
 * `f1_score(average="macro")`: the labels are those present in the truth or the predictions, and a
 * label with no true and no predicted example scores 0 (which a stratified test part never has).
 */
export function score(truth: readonly string[], predicted: readonly string[]): Scores {
  if (truth.length !== predicted.length) {
    throw new Error(`${predicted.length} predictions for ${truth.length} test examples`);
  }
  if (truth.length === 0) throw new Error('no test examples');
  const truePositives = new Map<string, number>();
  const trueCount = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  let correct = 0;
  truth.forEach((label, index) => {
    const guess = predicted[index] ?? '';
    trueCount.set(label, (trueCount.get(label) ?? 0) + 1);
    predictedCount.set(guess, (predictedCount.get(guess) ?? 0) + 1);
    if (guess === label) {
      correct += 1;
      truePositives.set(label, (truePositives.get(label) ?? 0) + 1);
    }
  });
  const labels = [...new Set([...trueCount.keys(), ...predictedCount.keys()])].sort();
  const perLabelF1: Record<string, number> = {};
  for (const label of labels) {
    const tp = truePositives.get(label) ?? 0;
    const denominator = (trueCount.get(label) ?? 0) + (predictedCount.get(label) ?? 0);
    perLabelF1[label] = denominator === 0 ? 0 : (2 * tp) / denominator;
  }
  const f1s = Object.values(perLabelF1);
  return {
    accuracy: correct / truth.length,
    macroF1: f1s.reduce((sum, f1) => sum + f1, 0) / f1s.length,
    perLabelF1,
  };
}
