import type { DriftResponse } from '@mlops/contracts';
import type { BinnedReference, DriftReference } from './drift-reference.js';
import type { WindowCounts } from './drift-window.js';
import { populationStabilityIndex, sharesOf } from './psi.js';

/** The drift of one version's window, as `GET /v1/models/{name}/drift` shows it. */
export type VersionDrift = DriftResponse['versions'][number];
/** One statistic's drift in a window. */
export type StatisticDrift = VersionDrift['statistics'][number];
type DriftStatus = VersionDrift['status'];

/** PSI levels from which a statistic reads as `warning` and as `drift`. */
export interface DriftThresholds {
  readonly warning: number;
  readonly drift: number;
}

const SEVERITY: readonly DriftStatus[] = ['insufficient-data', 'ok', 'warning', 'drift'];

function statusOf(psi: number, enoughSamples: boolean, thresholds: DriftThresholds): DriftStatus {
  if (!enoughSamples) return 'insufficient-data';
  if (psi >= thresholds.drift) return 'drift';
  if (psi >= thresholds.warning) return 'warning';
  return 'ok';
}

function histogramBins(reference: BinnedReference, observed: readonly number[]): StatisticDrift['bins'] {
  return reference.shares.map((expected, bin) => ({
    from: bin === 0 ? null : (reference.edges[bin - 1] ?? null),
    to: bin === reference.edges.length ? null : (reference.edges[bin] ?? null),
    expected,
    observed: observed[bin] ?? 0,
  }));
}

/**
 * PSI of each statistic of a window against its reference, with the bins behind it and a
 * status; a window with fewer than `minSamples` texts gets `insufficient-data` whatever its PSI.
 */
export function assessWindow(
  reference: DriftReference,
  counts: WindowCounts,
  minSamples: number,
  thresholds: DriftThresholds,
): { status: DriftStatus; statistics: StatisticDrift[] } {
  const enough = counts.size >= minSamples;
  const labelShares = sharesOf(counts.predictedLabel, counts.size);
  const lengthShares = sharesOf(counts.textLength, counts.size);
  const rateShares = sharesOf(counts.outOfVocabularyRate, counts.size);
  const statistic = (name: StatisticDrift['statistic'], psi: number, bins: StatisticDrift['bins']): StatisticDrift => ({
    statistic: name,
    psi,
    status: statusOf(psi, enough, thresholds),
    bins,
  });
  const statistics = [
    statistic(
      'predictedLabel',
      populationStabilityIndex(reference.predictedLabelShares, labelShares),
      reference.labels.map((label, index) => ({
        label,
        expected: reference.predictedLabelShares[index] ?? 0,
        observed: labelShares[index] ?? 0,
      })),
    ),
    statistic(
      'textLength',
      populationStabilityIndex(reference.textLength.shares, lengthShares),
      histogramBins(reference.textLength, lengthShares),
    ),
    statistic(
      'outOfVocabularyRate',
      populationStabilityIndex(reference.outOfVocabularyRate.shares, rateShares),
      histogramBins(reference.outOfVocabularyRate, rateShares),
    ),
  ];
  const worst = statistics.reduce<DriftStatus>(
    (status, entry) => (SEVERITY.indexOf(entry.status) > SEVERITY.indexOf(status) ? entry.status : status),
    enough ? 'ok' : 'insufficient-data',
  );
  return { status: worst, statistics };
}
