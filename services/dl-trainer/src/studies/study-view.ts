import type { Study, StudyTrial } from '@mlops/contracts';
import { bestTrial, parallelCoordinates, parameterImportances, type TrialRecord } from '@mlops/ml';
import { paramsOf, requestOf, type StoredTrial, type StudyDocument } from './study.repository.js';

/** A stored trial as the sampler and pruner see it. */
export function toTrialRecord(trial: StoredTrial): TrialRecord {
  return {
    number: trial.number,
    state: trial.state,
    params: paramsOf(trial),
    ...(trial.value === undefined ? {} : { value: trial.value }),
    intermediate: trial.intermediate.map(({ epoch, value }) => [epoch, value] as const),
  };
}

function toTrial(trial: StoredTrial): StudyTrial {
  return {
    number: trial.number,
    state: trial.state,
    params: paramsOf(trial),
    config: JSON.parse(trial.configJson) as Record<string, unknown>,
    jobId: trial.jobId,
    intermediate: trial.intermediate,
    ...(trial.value === undefined ? {} : { value: trial.value }),
    ...(trial.modelVersion ? { modelVersion: trial.modelVersion } : {}),
    ...(trial.error ? { error: trial.error } : {}),
    startedAt: trial.startedAt.toISOString(),
    ...(trial.finishedAt ? { finishedAt: trial.finishedAt.toISOString() } : {}),
  };
}

/** A study as listed: counts and best value. */
export function toStudySummary(
  doc: StudyDocument,
): Omit<Study, 'request' | 'trialTable' | 'bestTrial' | 'importances' | 'parallelCoordinates'> {
  const request = requestOf(doc);
  const count = (state: StoredTrial['state']): number => doc.trials.filter((t) => t.state === state).length;
  const best = bestTrial(doc.trials.map(toTrialRecord), request.objective.direction);
  return {
    id: doc._id,
    ...(doc.name === undefined ? {} : { name: doc.name }),
    modelName: doc.modelName,
    status: doc.status,
    sampler: request.sampler.kind,
    trials: {
      total: doc.trials.length,
      running: count('running'),
      complete: count('complete'),
      pruned: count('pruned'),
      failed: count('failed'),
    },
    ...(best?.value === undefined ? {} : { bestValue: best.value }),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt.toISOString() } : {}),
    ...(doc.reason === undefined ? {} : { reason: doc.reason }),
  };
}

/** A study in full: trial table, best trial, importances and parallel-coordinates data. */
export function toStudy(doc: StudyDocument): Study {
  const request = requestOf(doc);
  const records = doc.trials.map(toTrialRecord);
  const best = bestTrial(records, request.objective.direction);
  const bestStored = best === undefined ? undefined : doc.trials.find((t) => t.number === best.number);
  return {
    ...toStudySummary(doc),
    request,
    trialTable: doc.trials.map(toTrial),
    ...(bestStored ? { bestTrial: toTrial(bestStored) } : {}),
    importances: parameterImportances(request.space, records),
    parallelCoordinates: parallelCoordinates(request.space, records) as Study['parallelCoordinates'],
  };
}
