import { randomUUID } from 'node:crypto';
import { UpstreamError } from '@mlops/clients';
import type { RolloutStartBody, RolloutState } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import { inferenceErrors } from '../errors.js';
import type { PredictionMonitor } from '../monitoring/prediction-monitor.js';
import { isRegistryNotFound } from '../registry/registry-client.js';
import { decide, evaluateGuardrails } from './guardrails.js';
import type { ActiveRollout, RolloutRecorder } from './rollout-recorder.js';
import { emptyFigures, stageFigures } from './rollout-figures.js';
import { toRolloutState } from './rollout-state.js';
import { carryOut, type TransitionDeps } from './rollout-transitions.js';
import { stageKey, type PendingTransition, type RolloutDocument } from './rollout.repository.js';

/** What the rollouts of one replica run on. */
export interface RolloutServiceDeps extends TransitionDeps {
  readonly recorder: RolloutRecorder;
  readonly monitor: Pick<PredictionMonitor, 'accuracy' | 'drift'>;
  /** Makes sure this replica serves the model, taking it on demand when allowed (a rollout needs its traffic). */
  readonly requireServed: (model: string) => Promise<void>;
  /** This replica's name in leases and drift verdicts. */
  readonly replica: string;
  /** How long a decider's lease lasts without renewal. */
  readonly leaseMs: number;
  readonly logger: Logger;
}

function toActive(doc: RolloutDocument): ActiveRollout {
  const stage = doc.spec.stages[doc.stageIndex] ?? { stage: 'canary' as const, share: undefined };
  return {
    id: doc.id,
    model: doc.model,
    version: doc.version,
    productionVersion: doc.productionVersion,
    stageIndex: doc.stageIndex,
    stage: stage.stage,
    share: stage.stage === 'canary' ? stage.share : undefined,
  };
}

/** Turns a registry failure into the problem inference answers with. */
function registryProblem(error: unknown, what: string): unknown {
  if (isRegistryNotFound(error)) return inferenceErrors.versionNotFound(what);
  if (error instanceof UpstreamError) return inferenceErrors.registryUnavailable(error.message);
  return error;
}

/**
 * Progressive rollouts, run by every inference replica alike: each counts the candidate's
 * traffic and adds it to MongoDB; the one holding a rollout's lease evaluates the guardrails on
 * the sum and moves the aliases, so the decision is made once whatever the number of replicas.
 */
export class RolloutService {
  constructor(private readonly deps: RolloutServiceDeps) {}

  /** Starts a rollout: the candidate takes its first stage's alias. */
  async start(model: string, body: RolloutStartBody, by: string): Promise<RolloutState> {
    const { repository, aliases } = this.deps;
    let production: number | null;
    try {
      await aliases.requireVersion(model, body.version);
      production = await aliases.production(model);
    } catch (error) {
      throw registryProblem(error, `model ${model} has no version ${body.version}`);
    }
    if (production === null)
      throw inferenceErrors.rolloutConflict(`model ${model} has no production version to roll out against`);
    if (production === body.version)
      throw inferenceErrors.rolloutConflict(`version ${body.version} of ${model} is already production`);
    await this.deps.requireServed(model);
    const now = new Date();
    const reason = body.reason ?? `rollout of ${model} v${body.version}`;
    const doc: RolloutDocument = {
      _id: model,
      id: randomUUID(),
      model,
      version: body.version,
      productionVersion: production,
      status: 'running',
      stageIndex: 0,
      stageStartedAt: now,
      spec: { stages: body.stages, guardrails: body.guardrails },
      history: [
        {
          at: now,
          event: 'started',
          stage: body.stages[0]?.stage ?? 'shadow',
          reason,
          by,
          figures: null,
          guardrails: [],
        },
      ],
      figures: emptyFigures(),
      guardrails: [],
      pending: null,
      lease: null,
      startedBy: by,
      startedAt: now,
      updatedAt: now,
    };
    if (!(await repository.insert(doc)))
      throw inferenceErrors.rolloutConflict(`a rollout of ${model} is running; abort it first`);
    try {
      await aliases.point(model, doc.spec.stages[0]?.stage ?? 'shadow', doc.version, `rollout ${doc.id}: ${reason}`);
    } catch (error) {
      await this.#finish(doc, 'abort', `the registry refused the first alias move: ${String(error)}`, by);
      throw registryProblem(error, `model ${model} has no version ${body.version}`);
    }
    this.deps.logger.info({ model, version: doc.version, rolloutId: doc.id }, 'rollout started');
    return toRolloutState(doc);
  }

  /** The model's latest rollout. */
  async show(model: string): Promise<RolloutState> {
    const doc = await this.deps.repository.find(model);
    if (doc === null) throw inferenceErrors.rolloutNotFound(`model ${model} has no rollout`);
    return toRolloutState(doc);
  }

  /** Aborts the running rollout: the candidate leaves its alias; production is unchanged. */
  async abort(model: string, reason: string, by: string): Promise<RolloutState> {
    const doc = await this.deps.repository.find(model);
    if (doc === null) throw inferenceErrors.rolloutNotFound(`model ${model} has no rollout`);
    if (doc.status !== 'running')
      throw inferenceErrors.rolloutConflict(`the rollout of ${model} has already ended (${doc.status})`);
    const done = await this.#finish(doc, 'abort', reason, by).catch((error: unknown) => {
      throw registryProblem(error, `model ${model} has no version ${doc.version}`);
    });
    if (done === null) throw inferenceErrors.rolloutConflict(`the rollout of ${model} is changing stage; try again`);
    return toRolloutState(done);
  }

  /**
   * One round of every replica: read the running rollouts, add this replica's counts and drift
   * verdicts to MongoDB, then decide the rollouts whose lease this replica holds.
   */
  async tick(): Promise<void> {
    const { repository, recorder } = this.deps;
    const running = await repository.running();
    recorder.setActive(running.map(toActive));
    await this.#flush();
    for (const doc of running) {
      await this.#recordDrift(doc);
      if (!(await repository.acquireLease(doc.model, doc.id, this.deps.replica, this.deps.leaseMs))) continue;
      await this.#decide(doc).catch((error: unknown) =>
        this.deps.logger.warn({ err: error, model: doc.model, rolloutId: doc.id }, 'rollout decision failed; retried'),
      );
    }
  }

  /** Adds what is still counted and lets this replica's leases go (shutdown). */
  async close(): Promise<void> {
    await this.#flush();
    for (const doc of await this.deps.repository.running())
      await this.deps.repository.releaseLease(doc.model, this.deps.replica);
  }

  async #flush(): Promise<void> {
    const deltas = this.deps.recorder.drain();
    try {
      for (const [key, delta] of deltas) await this.deps.repository.addCounters(key, delta);
    } catch (error) {
      this.deps.recorder.restore(deltas);
      throw error;
    }
  }

  async #recordDrift(doc: RolloutDocument): Promise<void> {
    const stage = doc.spec.stages[doc.stageIndex]?.stage;
    const traffic = stage === 'shadow' ? 'shadow' : 'served';
    const entry = this.deps.monitor
      .drift(doc.model)
      .versions.find((version) => version.version === doc.version && version.traffic === traffic);
    if (entry === undefined) return;
    const key = stageKey(doc.id, doc.stageIndex);
    await this.deps.repository.saveDrift({
      _id: `${key}:${this.deps.replica}`,
      stageKey: key,
      replica: this.deps.replica,
      status: entry.status,
      size: entry.window.size,
      at: new Date(),
    });
  }

  async #decide(doc: RolloutDocument): Promise<void> {
    if (doc.pending !== null) {
      // A transition claimed by someone else (an abort request, a decider that died) is finished
      // here only once its claimer had a lease period to do it.
      if (Date.now() - doc.pending.at.getTime() >= this.deps.leaseMs) await carryOut(this.deps, doc, doc.pending);
      return;
    }
    const stage = doc.spec.stages[doc.stageIndex];
    if (stage === undefined) return;
    const figures = await stageFigures(doc, this.deps.repository, this.deps.monitor);
    const checks = evaluateGuardrails(doc.spec.guardrails, figures, stage.minRequests);
    await this.deps.repository.saveEvaluation(doc.model, doc.id, figures, checks);
    const decision = decide(checks, figures, stage.minRequests);
    if (decision === 'wait') return;
    const last = doc.stageIndex === doc.spec.stages.length - 1;
    const failed = checks.filter((check) => check.status === 'fail');
    const reason =
      decision === 'rollback'
        ? `guardrail failed in ${stage.stage}: ${failed.map((c) => `${c.name} ${String(c.value)} (threshold ${c.threshold})`).join('; ')}`
        : `${stage.stage}: all guardrails passed after ${figures.requests} requests`;
    const kind = decision === 'rollback' ? 'rollback' : last ? 'promote' : 'advance';
    const pending: PendingTransition = {
      kind,
      reason,
      by: `rollout@${this.deps.replica}`,
      figures,
      guardrails: checks,
      at: new Date(),
    };
    if (!(await this.deps.repository.claimTransition(doc.model, doc.id, doc.stageIndex, pending))) return;
    this.deps.logger.info({ model: doc.model, rolloutId: doc.id, kind, reason }, 'rollout decided');
    await carryOut(this.deps, { ...doc, figures, guardrails: checks }, pending);
  }

  async #finish(doc: RolloutDocument, kind: 'abort', reason: string, by: string): Promise<RolloutDocument | null> {
    const figures = await stageFigures(doc, this.deps.repository, this.deps.monitor).catch(() => doc.figures);
    const pending: PendingTransition = { kind, reason, by, figures, guardrails: doc.guardrails, at: new Date() };
    if (!(await this.deps.repository.claimTransition(doc.model, doc.id, doc.stageIndex, pending))) return null;
    const done = await carryOut(this.deps, doc, pending);
    // Finished meanwhile by a decider that found the claim stale: the rollout has ended all the same.
    return done ?? (await this.deps.repository.find(doc.model));
  }
}
