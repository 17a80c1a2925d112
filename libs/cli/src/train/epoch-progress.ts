import type { TrainingRun } from '@mlops/contracts';

/** One epoch as the run records it (the same figures `training.progress` carries). */
export interface EpochProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly trainLoss: number | undefined;
  readonly validationLoss: number | undefined;
  readonly validationMacroF1: number | undefined;
  readonly seconds: number | undefined;
  /** Seconds until `epochs` at the mean epoch time so far (early stopping may end sooner). */
  readonly etaSeconds: number;
}

/** The epochs the run's resolved config asks for (`optimization.epochs`), when it says. */
export function plannedEpochs(run: TrainingRun): number | undefined {
  const config = run.config as { optimization?: { epochs?: unknown } } | undefined;
  const epochs = config?.optimization?.epochs;
  return typeof epochs === 'number' ? epochs : undefined;
}

/**
 * The run's recorded epochs as progress lines, with the ETA computed as the trainer computes it
 * for `training.progress`. Epochs after the planned count (the refit on all rows) are left out.
 */
export function epochProgress(run: TrainingRun): EpochProgress[] {
  const planned = plannedEpochs(run);
  const points = run.epochs.filter((point) => point.epoch >= 1);
  const epochs = planned ?? Math.max(1, ...points.map((point) => point.epoch));
  let total = 0;
  return points
    .filter((point) => point.epoch <= epochs)
    .map((point, index) => {
      const seconds = point.metrics.seconds;
      total += seconds ?? 0;
      const mean = total / (index + 1);
      return {
        epoch: point.epoch,
        epochs,
        trainLoss: point.metrics.trainLoss,
        validationLoss: point.metrics.validationLoss,
        validationMacroF1: point.metrics.validationMacroF1,
        seconds,
        etaSeconds: Math.max(0, epochs - point.epoch) * mean,
      };
    });
}
