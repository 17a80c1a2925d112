import type { Calibration, ReliabilityBin } from './evaluation-report.js';
import type { ClassIndices } from './predictions.js';
import { ratio } from './ratio.js';

/**
 * Expected calibration error over `binCount` equal-width confidence bins (Guo et al., 2017), with
 * the reliability diagram's bins. The confidence of an example is the probability of its
 * predicted class.
 */
export function calibration(
  truth: ClassIndices,
  predicted: ClassIndices,
  confidence: Float64Array,
  binCount: number,
): Calibration {
  if (!Number.isInteger(binCount) || binCount < 1)
    throw new RangeError(`bins must be a positive integer, not ${binCount}`);
  const counts = new Array<number>(binCount).fill(0);
  const confidenceSums = new Array<number>(binCount).fill(0);
  const correctCounts = new Array<number>(binCount).fill(0);
  confidence.forEach((value, example) => {
    const bin = Math.min(Math.floor(value * binCount), binCount - 1);
    counts[bin] = (counts[bin] ?? 0) + 1;
    confidenceSums[bin] = (confidenceSums[bin] ?? 0) + value;
    if (truth[example] === predicted[example]) correctCounts[bin] = (correctCounts[bin] ?? 0) + 1;
  });
  const bins = counts.map((count, bin): ReliabilityBin => ({
    lower: bin / binCount,
    upper: (bin + 1) / binCount,
    count,
    meanConfidence: ratio(confidenceSums[bin] ?? 0, count),
    accuracy: ratio(correctCounts[bin] ?? 0, count),
  }));
  const weightedGaps = bins.reduce((sum, bin) => sum + bin.count * Math.abs(bin.accuracy - bin.meanConfidence), 0);
  return { expectedCalibrationError: ratio(weightedGaps, confidence.length), bins };
}
