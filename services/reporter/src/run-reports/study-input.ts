import { QUICK_RETRY, type CallOptions } from '@mlops/clients';
import type { ModelVersion, Study } from '@mlops/contracts';
import type { StudyInput } from '../report/index.js';
import { isNotFound, type Upstreams } from '../upstreams/upstreams.js';

const trialId = (number: number): string => `#${number}`;

const OBJECTIVE_NAMES: Record<Study['request']['objective']['metric'], string> = {
  validationMacroF1: 'validation macro-F1',
  validationAccuracy: 'validation accuracy',
  testMacroF1: 'test macro-F1',
  testAccuracy: 'test accuracy',
};

/** A study as the report's study slide reads it, with the trial of `trialNumber` marked. */
function toStudyInput(study: Study, trialNumber: number): StudyInput {
  return {
    name: study.name ?? study.id,
    objective: OBJECTIVE_NAMES[study.request.objective.metric],
    direction: study.request.objective.direction,
    status: study.status,
    totalTrials: study.trialTable.length,
    thisTrial: trialId(trialNumber),
    importances: study.importances,
    trials: study.trialTable.map((trial) => ({
      id: trialId(trial.number),
      params: trial.params,
      value: trial.state === 'complete' && trial.value !== undefined ? trial.value : null,
    })),
  };
}

/**
 * The study a version's lineage names (its trial's training job produced the version), read from
 * dl-trainer: undefined when the version did not come from a study; `missing` when the study is
 * gone (404); anything else throws (the attempt is retried).
 */
export async function studyOf(
  upstreams: Upstreams,
  version: ModelVersion,
  options: CallOptions,
): Promise<StudyInput | 'missing' | undefined> {
  const origin = version.lineage?.study;
  if (!origin) return undefined;
  try {
    const study = await upstreams.studies.get({ params: { id: origin.id } }, { retry: QUICK_RETRY, ...options });
    return toStudyInput(study, origin.trialNumber);
  } catch (error) {
    if (isNotFound(error)) return 'missing';
    throw error;
  }
}
