/** What the trainer watches on the validation set after each epoch. */
export interface ValidationScore {
  readonly loss: number;
  readonly accuracy: number;
  readonly macroF1: number;
}

/**
 * Loss, accuracy and macro-F1 of probability rows against target class indices, with the same
 * definitions as `evaluate` (macro over the classes present in truth or predictions, as
 * scikit-learn): the trainer's fast per-epoch path. 0 when there is nothing to score.
 */
export function scoreProbabilities(probabilities: Float32Array, targets: Int32Array, classes: number): ValidationScore {
  const rows = targets.length;
  if (rows === 0) return { loss: 0, accuracy: 0, macroF1: 0 };
  const truePositive = new Float64Array(classes);
  const predictedCount = new Float64Array(classes);
  const actualCount = new Float64Array(classes);
  let loss = 0;
  let correct = 0;
  for (let row = 0; row < rows; row++) {
    const target = targets[row] ?? 0;
    let best = 0;
    for (let c = 1; c < classes; c++)
      if ((probabilities[row * classes + c] ?? 0) > (probabilities[row * classes + best] ?? 0)) best = c;
    loss -= Math.log(Math.max(probabilities[row * classes + target] ?? 0, 2 ** -52));
    predictedCount[best] = (predictedCount[best] ?? 0) + 1;
    actualCount[target] = (actualCount[target] ?? 0) + 1;
    if (best === target) {
      correct += 1;
      truePositive[target] = (truePositive[target] ?? 0) + 1;
    }
  }
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    const denominator = (predictedCount[c] ?? 0) + (actualCount[c] ?? 0);
    if (denominator === 0) continue;
    present += 1;
    f1Sum += (2 * (truePositive[c] ?? 0)) / denominator;
  }
  return { loss: loss / rows, accuracy: correct / rows, macroF1: present === 0 ? 0 : f1Sum / present };
}
