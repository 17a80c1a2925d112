import type { Logger } from '@mlops/logger';
import { samplerFor } from '@mlops/ml';
import { isDeepStrictEqual } from 'node:util';
import { startPollingLoop, type PollingLoop } from '../polling-loop.js';
import { advanceStudy, type StudyDriverDeps } from './study-driver.js';
import { paramsOf, requestOf, type StudyDocument } from './study.repository.js';
import { toTrialRecord } from './study-view.js';

/**
 * On first sight of a study created before this process started (a restart), replays its sampler over the stored
 * history with the study seed and logs whether every stored suggestion is reproduced. Only for
 * one worker: with parallel trials the history at suggestion time held running trials since finished.
 */
function checkReplay(doc: StudyDocument, logger: Logger): void {
  const request = requestOf(doc);
  if (request.parallelism !== 1 || doc.trials.length === 0) return;
  const sampler = samplerFor(request.sampler);
  const records = doc.trials.map(toTrialRecord);
  const differing = doc.trials.filter((trial, index) => {
    const replayed = sampler({
      space: request.space,
      seed: request.seed,
      direction: request.objective.direction,
      history: records.slice(0, index),
      trialNumber: trial.number,
    });
    return !isDeepStrictEqual(replayed, paramsOf(trial));
  });
  if (differing.length === 0)
    logger.info({ studyId: doc._id, trials: doc.trials.length }, 'study resumed: replayed suggestions identical');
  else
    logger.warn(
      { studyId: doc._id, trials: differing.map((t) => t.number) },
      'study resumed: replayed suggestions differ',
    );
}

/**
 * Polls the running studies every `pollMs` and advances each by a step, one step at a time in this
 * process (replicas race only through the study revision).
 */
export function startStudyLoop(deps: StudyDriverDeps, pollMs: number): PollingLoop {
  const seen = new Set<string>();
  const startedAt = new Date();
  return startPollingLoop(
    async (stopped) => {
      for (const doc of await deps.studies.running()) {
        if (stopped()) return;
        if (!seen.has(doc._id)) {
          seen.add(doc._id);
          if (doc.createdAt < startedAt) checkReplay(doc, deps.logger);
        }
        await advanceStudy(deps, doc).catch((error: unknown) => {
          deps.logger.warn({ err: error, studyId: doc._id }, 'study step failed; retried on the next tick');
        });
      }
    },
    { pollMs, logger: deps.logger, failure: 'study loop tick failed' },
  );
}
