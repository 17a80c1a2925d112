import type {
  LiveEndEvent,
  LiveEpoch,
  TrainingJob,
  TrainingRun,
  trainingFinishedEventSchema,
  trainingProgressEventSchema,
} from '@mlops/contracts';
import type { z } from 'zod';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** The epochs the resolved config plans (`optimization.epochs`), when it says. */
export function plannedEpochsOf(config: unknown): number | null {
  const optimization = (config as { optimization?: { epochs?: unknown } } | null | undefined)?.optimization;
  const epochs = optimization?.epochs;
  return typeof epochs === 'number' && Number.isInteger(epochs) && epochs >= 1 ? epochs : null;
}

/** The epochs a run has recorded, as live epochs (those without a training loss are left out). */
export function recordedEpochs(run: TrainingRun): LiveEpoch[] {
  const plannedEpochs = plannedEpochsOf(run.config);
  return run.epochs.flatMap(({ epoch, metrics }) => {
    const trainLoss = metrics.trainLoss;
    if (epoch < 1 || trainLoss === undefined) return [];
    return [
      {
        epoch,
        trainLoss,
        validationLoss: metrics.validationLoss ?? null,
        validationMacroF1: metrics.validationMacroF1 ?? null,
        validationAccuracy: metrics.validationAccuracy ?? null,
        learningRate: metrics.learningRate ?? null,
        epochSeconds: metrics.seconds ?? null,
        plannedEpochs,
        etaSeconds: null,
      },
    ];
  });
}

/** A `training.progress` event as a live epoch. */
export function progressEpoch(event: z.output<typeof trainingProgressEventSchema>): LiveEpoch {
  return {
    epoch: event.epoch,
    trainLoss: event.trainLoss,
    validationLoss: event.validationLoss,
    validationMacroF1: event.validationMacroF1,
    validationAccuracy: event.validationAccuracy,
    learningRate: event.learningRate,
    epochSeconds: event.epochSeconds,
    plannedEpochs: event.epochs,
    etaSeconds: event.etaSeconds,
  };
}

/** How a finished job ended, from the job itself; undefined while it is queued or running. */
export function jobEnd(job: TrainingJob): LiveEndEvent | undefined {
  if (!TERMINAL.has(job.status)) return undefined;
  return {
    status: job.status as LiveEndEvent['status'],
    finishedAt: job.finishedAt ?? null,
    ...(job.error ? { error: job.error } : {}),
  };
}

/** How a finished job ended, from `training.completed` / `training.failed`. */
export function eventEnd(event: z.output<typeof trainingFinishedEventSchema>): LiveEndEvent {
  return { status: event.status, finishedAt: event.finishedAt, ...(event.error ? { error: event.error } : {}) };
}
