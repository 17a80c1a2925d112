import { randomUUID } from 'node:crypto';
import type { StudyCreate, TrainingJobRequest } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import { applyOverrides, isBetter, samplerFor, shouldPrune, trainingOptionsSchema } from '@mlops/ml';
import type { ModelRegistry } from '../registry/index.js';
import { submitTrainingJob, type DispatchDeps } from '../training-jobs/submit-training-job.usecase.js';
import type { TrainingJobRepository } from '../training-jobs/training-job.repository.js';
import { intermediateOf, objectiveOf } from './trial-outcome.js';
import { paramsOf, requestOf, type StoredTrial, type StudyDocument, type StudyRepository } from './study.repository.js';
import { toTrialRecord } from './study-view.js';

/** What the driver works with. */
export interface StudyDriverDeps extends DispatchDeps {
  readonly studies: StudyRepository;
  readonly jobs: TrainingJobRepository;
  readonly registry: Pick<ModelRegistry, 'runs'>;
  readonly logger: Logger;
}

/** Trials that may fail in a row, from the start, before the study gives up. */
const FAILED_START_LIMIT = 3;

/**
 * How long a started trial may have no training job before a driver submits it again. The driver
 * that starts a trial commits it, then stores its job: without this wait another replica, stepping
 * in between, submitted the same job id too (a duplicate-key failure, and at times a second
 * `training.requested` message). Only a crash between the two writes leaves a trial without a job.
 */
const RESUBMIT_AFTER_MS = 10_000;

/**
 * Advances one study by one step, from its MongoDB state only (so any replica, or a restarted
 * process, continues where the last one stopped): refresh the running trials from their jobs and
 * runs (pruning those the pruner stops), start new trials up to the parallelism while the budget
 * lasts, and close the study when nothing runs and nothing may start. Every write is
 * compare-and-set on the study's revision; a lost race returns and the next tick starts over.
 */
export async function advanceStudy(deps: StudyDriverDeps, loaded: StudyDocument): Promise<void> {
  let doc = loaded;
  const request = requestOf(doc);
  const trials = await Promise.all(doc.trials.map((trial) => refreshTrial(deps, doc, request, trial)));
  if (trials.some((trial, i) => trial !== doc.trials[i])) {
    const next = await deps.studies.commit(doc, { trials });
    if (!next) return;
    doc = next;
  }
  if (doc.cancelRequestedAt) {
    await cancelRunning(deps, doc);
    if (!doc.trials.some((t) => t.state === 'running')) await close(deps, doc, 'cancelled', 'cancelled on request');
    return;
  }
  while (mayStart(doc, request)) {
    const next = await startTrial(deps, doc, request);
    if (!next) return;
    doc = next;
  }
  if (!doc.trials.some((t) => t.state === 'running')) {
    const allFailed = doc.trials.length > 0 && doc.trials.every((t) => t.state === 'failed');
    await close(
      deps,
      doc,
      allFailed ? 'failed' : 'completed',
      allFailed ? 'every trial failed' : budgetReason(doc, request),
    );
  }
}

function mayStart(doc: StudyDocument, request: StudyCreate): boolean {
  const running = doc.trials.filter((t) => t.state === 'running').length;
  if (running >= request.parallelism) return false;
  if (request.budget.trials !== undefined && doc.trials.length >= request.budget.trials) return false;
  if (doc.deadlineAt && Date.now() >= doc.deadlineAt.getTime()) return false;
  const failedStart = doc.trials.length >= FAILED_START_LIMIT && doc.trials.every((t) => t.state === 'failed');
  return !failedStart;
}

function budgetReason(doc: StudyDocument, request: StudyCreate): string {
  if (request.budget.trials !== undefined && doc.trials.length >= request.budget.trials) return 'trial budget reached';
  return 'time budget reached';
}

/** Reads a running trial's job and run; returns the same object when nothing changed. */
async function refreshTrial(
  deps: StudyDriverDeps,
  doc: StudyDocument,
  request: StudyCreate,
  trial: StoredTrial,
): Promise<StoredTrial> {
  if (trial.state !== 'running') return trial;
  const job = await deps.jobs.findById(trial.jobId);
  if (!job) {
    if (Date.now() - trial.startedAt.getTime() >= RESUBMIT_AFTER_MS) await submitTrialJob(deps, doc, request, trial);
    return trial;
  }
  const run = await deps.registry.runs.findById(trial.jobId);
  const intermediate = intermediateOf(run, request.objective);
  const now = new Date();
  if (job.status === 'succeeded' && run) {
    const value = objectiveOf(run, request.objective);
    if (value === undefined) {
      return {
        ...trial,
        intermediate,
        state: 'failed',
        error: { code: 'OBJECTIVE_MISSING', message: `the run reports no ${request.objective.metric}` },
        finishedAt: now,
      };
    }
    return {
      ...trial,
      intermediate,
      state: 'complete',
      value,
      ...(run.modelVersion ? { modelVersion: run.modelVersion } : {}),
      finishedAt: now,
    };
  }
  if (job.status === 'cancelled' && trial.pruneRequested)
    return { ...trial, intermediate, state: 'pruned', finishedAt: now };
  if (job.status === 'failed' || job.status === 'cancelled') {
    return {
      ...trial,
      intermediate,
      state: 'failed',
      error: job.error ?? { code: 'TRAINING_CANCELLED', message: 'cancelled' },
      finishedAt: now,
    };
  }
  if (!trial.pruneRequested && intermediate.length > trial.intermediate.length) {
    const others = doc.trials.filter((t) => t.number !== trial.number).map(toTrialRecord);
    const record = {
      ...toTrialRecord(trial),
      intermediate: intermediate.map(({ epoch, value }) => [epoch, value] as const),
    };
    if (shouldPrune(request.pruner, { trial: record, others, direction: request.objective.direction })) {
      await deps.jobs.requestCancel(trial.jobId);
      deps.logger.info({ studyId: doc._id, trial: trial.number, epoch: intermediate.at(-1)?.epoch }, 'trial pruned');
      return { ...trial, intermediate, pruneRequested: true };
    }
  }
  return intermediate.length === trial.intermediate.length ? trial : { ...trial, intermediate };
}

/**
 * Suggests the next trial from the history (the sampler is a pure function of the study seed and
 * the history, so a restarted study suggests what the uninterrupted one would have), stores it,
 * then submits its training job; a config the overrides make invalid fails the trial at once.
 */
async function startTrial(
  deps: StudyDriverDeps,
  doc: StudyDocument,
  request: StudyCreate,
): Promise<StudyDocument | undefined> {
  const number = doc.trials.length;
  const params = samplerFor(request.sampler)({
    space: request.space,
    seed: request.seed,
    direction: request.objective.direction,
    history: doc.trials.map(toTrialRecord),
    trialNumber: number,
  });
  const overridden = applyOverrides(request.base.config, request.space, params);
  const parsed = trainingOptionsSchema.safeParse(overridden);
  const now = new Date();
  const trial: StoredTrial = {
    number,
    jobId: randomUUID(),
    state: parsed.success ? 'running' : 'failed',
    paramsJson: JSON.stringify(params),
    configJson: JSON.stringify(parsed.success ? parsed.data : overridden),
    intermediate: [],
    startedAt: now,
    ...(parsed.success
      ? {}
      : {
          error: {
            code: 'TRIAL_CONFIG_INVALID',
            message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          },
          finishedAt: now,
        }),
  };
  const next = await deps.studies.commit(doc, { trials: [...doc.trials, trial] });
  if (next && trial.state === 'running') await submitTrialJob(deps, next, request, trial);
  return next;
}

async function submitTrialJob(
  deps: StudyDriverDeps,
  doc: StudyDocument,
  request: StudyCreate,
  trial: StoredTrial,
): Promise<void> {
  const jobRequest: TrainingJobRequest = {
    ...request.base,
    config: JSON.parse(trial.configJson) as Record<string, unknown>,
    requestedBy: `study:${doc._id}`,
    study: { id: doc._id, trialNumber: trial.number },
  };
  try {
    await submitTrainingJob(
      { ...deps, logger: deps.logger },
      jobRequest,
      `study-${doc._id}-${trial.number}`,
      trial.jobId,
    );
    deps.logger.info(
      { studyId: doc._id, trial: trial.number, jobId: trial.jobId, params: paramsOf(trial) },
      'trial started',
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, studyId: doc._id, trial: trial.number },
      'trial job not submitted; retried on the next tick',
    );
  }
}

async function cancelRunning(deps: StudyDriverDeps, doc: StudyDocument): Promise<void> {
  for (const trial of doc.trials.filter((t) => t.state === 'running')) await deps.jobs.requestCancel(trial.jobId);
}

async function close(
  deps: StudyDriverDeps,
  doc: StudyDocument,
  status: StudyDocument['status'],
  reason: string,
): Promise<void> {
  const closed = await deps.studies.commit(doc, { status, reason, finishedAt: new Date() });
  if (closed) {
    const request = requestOf(closed);
    const best = closed.trials
      .filter((t) => t.state === 'complete' && t.value !== undefined)
      .reduce<StoredTrial | undefined>(
        (b, t) => (b?.value === undefined || isBetter(t.value ?? NaN, b.value, request.objective.direction) ? t : b),
        undefined,
      );
    deps.logger.info(
      {
        studyId: closed._id,
        status,
        reason,
        bestTrial: best?.number,
        bestValue: best?.value,
        modelVersion: best?.modelVersion,
      },
      'study finished',
    );
  }
}
