import { randomUUID } from 'node:crypto';
import type { HoldoutScore, PromotionDecision, ScheduleCreate, TrainingJobRequest } from '@mlops/contracts';
import { UpstreamError } from '@mlops/clients';
import { AppError } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { moveAlias, type ModelRegistry } from '../registry/index.js';
import { createStudy } from '../studies/create-study.usecase.js';
import type { StudyRepository } from '../studies/study.repository.js';
import { toStudy } from '../studies/study-view.js';
import type { DatasetClient } from '../training/dataset.client.js';
import { submitTrainingJob, type DispatchDeps } from '../training-jobs/submit-training-job.usecase.js';
import { TrainingJobFailure } from '../training-jobs/training-executor.js';
import type { TrainingJobRepository } from '../training-jobs/training-job.repository.js';
import type { ComparisonReports } from './comparison-reports.js';
import type { DatasetFreezer } from './dataset-freezer.js';
import type { DecisionRepository } from './decision.repository.js';
import { scoreOnHoldout } from './holdout-scorer.js';
import type { InferenceRollouts } from './inference-rollouts.js';
import { applyPromotionPolicy } from './promotion-policy.js';
import { promotionStep, rolloutDecision } from './rollout-promotion.js';
import { scheduleRequestOf, type ScheduleDocument, type ScheduleRepository } from './schedule.repository.js';
import type { TickDocument, TickRepository } from './tick.repository.js';

/** What a tick works with. */
export interface TickRunnerDeps extends DispatchDeps {
  readonly schedules: ScheduleRepository;
  readonly ticks: TickRepository;
  readonly decisions: DecisionRepository;
  readonly jobs: TrainingJobRepository;
  readonly studies: StudyRepository;
  readonly registry: ModelRegistry;
  readonly freezer: DatasetFreezer;
  readonly datasets: DatasetClient;
  readonly comparisons: ComparisonReports;
  readonly rollouts: InferenceRollouts;
  readonly logger: Logger;
  /** This process, as the tick lease's owner. */
  readonly owner: string;
  readonly leaseMs: number;
  /** Wakes the study driver after a tick created a study. */
  readonly wakeStudies?: () => void;
}

type Step = (deps: TickRunnerDeps, tick: TickDocument, schedule: ScheduleDocument) => Promise<TickDocument | null>;

/**
 * Advances one running tick as far as it can go now, under its lease (so one process works on a
 * tick at a time, and another takes over when it dies): freeze the dataset (or skip the tick when
 * the data did not change and the policy says so), train (a job or a study; later calls look at
 * its state in MongoDB until it ends), then score the new and the production versions on the
 * reference holdout and apply the promotion policy. Every stage is stored before the next starts.
 * A promotion through the policy's rollout ends the tick once inference has started the rollout:
 * the rollout then runs by itself in inference (its own lease and history) and may take days of traffic.
 */
export async function advanceTick(deps: TickRunnerDeps, id: string): Promise<void> {
  let tick = await deps.ticks.lease(id, deps.owner, deps.leaseMs);
  if (!tick) return;
  const schedule = await deps.schedules.findById(tick.scheduleId);
  if (!schedule) {
    await finish(deps, tick, 'failed', 'the schedule was deleted');
    return;
  }
  const steps: Record<TickDocument['stage'], Step | undefined> = {
    freeze: freezeStep,
    train: trainStep,
    evaluate: evaluateStep,
    done: undefined,
  };
  try {
    for (let step = steps[tick.stage]; step && tick.state === 'running'; step = steps[tick.stage]) {
      const next: TickDocument | null = await step(deps, tick, schedule);
      if (next === null || next.stage === tick.stage) return;
      tick = next;
    }
  } catch (error) {
    if (isFinal(error)) {
      await finish(deps, tick, 'failed', `${tick.stage}: ${(error as Error).message}`);
      return;
    }
    deps.logger.warn({ err: error, tickId: id, stage: tick.stage }, 'tick step failed; retried on the next poll');
  }
}

/** A refusal (a 4xx of another service, a missing dataset) ends the tick; an outage is retried on the next poll. */
function isFinal(error: unknown): boolean {
  if (error instanceof UpstreamError) return !error.retryable;
  return error instanceof TrainingJobFailure || error instanceof AppError;
}

async function finish(
  deps: TickRunnerDeps,
  tick: TickDocument,
  state: 'succeeded' | 'skipped' | 'failed',
  reason: string,
  changes: Partial<TickDocument> = {},
): Promise<TickDocument | null> {
  const done = await deps.ticks.update(tick._id, deps.owner, {
    ...changes,
    state,
    stage: 'done',
    reason,
    finishedAt: new Date(),
  });
  deps.logger.info({ tickId: tick._id, model: tick.modelName, state, reason }, 'retraining tick finished');
  return done;
}

const freezeStep: Step = async (deps, tick, schedule) => {
  const request = scheduleRequestOf(schedule);
  const dataset = await deps.freezer.datasetFor(request.dataset.name, request.dataset.mode, schedule.lastDataset);
  const changes = { datasetVersion: dataset.version, datasetContentHash: dataset.contentHash };
  if (!dataset.changed && request.policy.onUnchangedData === 'skip') {
    return finish(
      deps,
      tick,
      'skipped',
      `dataset ${request.dataset.name} v${dataset.version} holds the same data as v${schedule.lastDataset?.version ?? '?'}, trained last (policy onUnchangedData: skip)`,
      changes,
    );
  }
  return deps.ticks.update(tick._id, deps.owner, { ...changes, stage: 'train' });
};

const trainStep: Step = async (deps, tick, schedule) => {
  const request = scheduleRequestOf(schedule);
  return request.training.kind === 'job' ? trainJob(deps, tick, request) : trainStudy(deps, tick, request);
};

function datasetOf(tick: TickDocument, request: ScheduleCreate): { name: string; version: number } {
  if (tick.datasetVersion === undefined) throw new Error(`tick ${tick._id} reached training without a dataset version`);
  return { name: request.dataset.name, version: tick.datasetVersion };
}

async function trainJob(
  deps: TickRunnerDeps,
  tick: TickDocument,
  request: ScheduleCreate,
): Promise<TickDocument | null> {
  if (request.training.kind !== 'job') return null;
  const jobRequest: TrainingJobRequest = {
    ...request.training.request,
    modelName: request.modelName,
    dataset: datasetOf(tick, request),
    requestedBy: `schedule:${tick.scheduleId}`,
  };
  if (tick.jobId === undefined) {
    const jobId = randomUUID();
    const stored = await deps.ticks.update(tick._id, deps.owner, { jobId });
    if (!stored) return null;
    await submitTrainingJob(deps, jobRequest, `tick-${tick._id}`, jobId);
    deps.logger.info({ tickId: tick._id, jobId }, 'retraining job queued');
    return stored;
  }
  const job = await deps.jobs.findById(tick.jobId);
  if (!job) {
    await submitTrainingJob(deps, jobRequest, `tick-${tick._id}`, tick.jobId);
    return tick;
  }
  if (job.status === 'queued' || job.status === 'running') return tick;
  if (job.status !== 'succeeded') {
    return finish(
      deps,
      tick,
      'failed',
      `training job ${job._id} ${job.status}: ${job.error?.message ?? 'no error recorded'}`,
    );
  }
  const version = (await deps.registry.runs.findById(job._id))?.modelVersion?.version;
  if (version === undefined) return finish(deps, tick, 'failed', `training job ${job._id} registered no model version`);
  return deps.ticks.update(tick._id, deps.owner, { modelVersion: version, stage: 'evaluate' });
}

async function trainStudy(
  deps: TickRunnerDeps,
  tick: TickDocument,
  request: ScheduleCreate,
): Promise<TickDocument | null> {
  if (request.training.kind !== 'study') return null;
  if (tick.studyId === undefined) {
    const { study } = request.training;
    const created = await createStudy(deps.studies, {
      ...study,
      name: study.name ?? `retrain ${request.modelName} ${tick.scheduledFor.toISOString()}`,
      base: { ...study.base, modelName: request.modelName, dataset: datasetOf(tick, request) },
    });
    deps.wakeStudies?.();
    return deps.ticks.update(tick._id, deps.owner, { studyId: created._id });
  }
  const doc = await deps.studies.findById(tick.studyId);
  if (!doc) return finish(deps, tick, 'failed', `study ${tick.studyId} is gone`);
  if (doc.status === 'running') return tick;
  const best = toStudy(doc).bestTrial?.modelVersion?.version;
  if (best === undefined)
    return finish(deps, tick, 'failed', `study ${doc._id} ${doc.status} without a best trial: ${doc.reason ?? ''}`);
  return deps.ticks.update(tick._id, deps.owner, { modelVersion: best, stage: 'evaluate' });
}

const evaluateStep: Step = async (deps, tick, schedule) => {
  const request = scheduleRequestOf(schedule);
  const version = tick.modelVersion;
  if (version === undefined) throw new Error(`tick ${tick._id} reached evaluation without a model version`);
  const name = request.modelName;
  const { records } = await deps.datasets.records(request.holdout.name, request.holdout.version);
  const candidate = await scoreOnHoldout(deps.registry, name, version, records);
  const current = (await deps.registry.aliases.current(name, 'production'))?.version ?? null;
  const production: HoldoutScore | undefined =
    current !== null && current !== version ? await scoreOnHoldout(deps.registry, name, current, records) : undefined;
  const verdict = applyPromotionPolicy(request.policy, candidate, production);
  const testSplitMacroF1 = {
    ...(await testMacroF1(deps.registry, name, version).then((value) =>
      value === undefined ? {} : { candidate: value },
    )),
    ...(current === null
      ? {}
      : await testMacroF1(deps.registry, name, current).then((value) =>
          value === undefined ? {} : { production: value },
        )),
  };
  const decidedBy = `schedule:${schedule._id}`;
  const step = promotionStep(request.policy, verdict, current);
  const outcome =
    step.kind === 'rollout'
      ? rolloutDecision(
          await deps.rollouts.start(name, version, step.spec, `retraining tick ${tick._id}: ${verdict.reason}`),
          verdict.reason,
        )
      : {
          action: step.alias === 'production' ? ('promoted' as const) : ('kept-candidate' as const),
          alias: step.alias,
          reason: verdict.reason,
        };
  if (outcome.action !== 'rollout-started')
    await moveAlias(deps.registry, {
      name,
      alias: outcome.alias,
      version,
      reason: `retraining tick ${tick._id}: ${outcome.reason}`,
      movedBy: decidedBy,
    });
  const comparisonReport =
    outcome.action !== 'promoted' && current !== null && current !== version
      ? await deps.comparisons.request(name, current, version)
      : undefined;
  const decision: PromotionDecision = {
    id: `tick:${tick._id}`,
    modelName: name,
    kind: 'automatic',
    version,
    previousProduction: current,
    ...outcome,
    decidedBy,
    decidedAt: new Date().toISOString(),
    scheduleId: schedule._id,
    tickId: tick._id,
    holdout: request.holdout,
    policy: request.policy,
    figures: {
      candidate,
      ...(production ? { production } : {}),
      ...(verdict.macroF1Gain === undefined ? {} : { macroF1Gain: verdict.macroF1Gain }),
      ...(verdict.worstClassDrop ? { worstClassDrop: verdict.worstClassDrop } : {}),
      testSplitMacroF1,
    },
    ...(comparisonReport ? { comparisonReport } : {}),
  };
  await deps.decisions.record(decision);
  if (tick.datasetVersion !== undefined && tick.datasetContentHash !== undefined)
    await deps.schedules.recordDataset(schedule._id, {
      version: tick.datasetVersion,
      contentHash: tick.datasetContentHash,
    });
  return finish(deps, tick, 'succeeded', `${decision.action} v${version}: ${decision.reason}`, {
    decisionId: decision.id,
  });
};

/** The macro-F1 a version's training run measured on its own test split, when it recorded one. */
async function testMacroF1(registry: ModelRegistry, name: string, version: number): Promise<number | undefined> {
  const doc = await registry.versions.find(name, version);
  const metrics = doc ? (JSON.parse(doc.metricsJson) as Record<string, unknown>) : {};
  return typeof metrics.macroF1 === 'number' ? metrics.macroF1 : undefined;
}
