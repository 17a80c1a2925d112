import type { Logger } from '@mlops/logger';
import type { LoadedModel, TextOutcome } from './loaded-model.js';
import type { Lease } from './model-slot.js';
import type { ModelServer } from './model-server.js';
import type { PredictionEvents, PredictionRole } from './prediction-events.js';
import type { VersionComparisonTracker } from './version-comparison.js';

/** A request once answered, as the off-path scorer copies it. */
export interface AnsweredRequest {
  readonly model: LoadedModel;
  readonly route: 'production' | 'canary' | 'version';
  readonly texts: readonly string[];
  readonly ids: readonly string[];
  readonly outcomes: readonly TextOutcome[];
  readonly requestId: string;
}

/** What the off-path scorer works with. */
/** What a rollout learns from the off-path copies: agreements with production and failed shadow copies. */
export interface OffPathObserver {
  agreement(
    model: string,
    candidate: { version: number; role: PredictionRole },
    agreed: number,
    compared: number,
  ): void;
  copyFailed(model: string, version: number): void;
}

export interface OffPathScorerOptions {
  readonly server: Pick<ModelServer, 'leaseCandidate' | 'leaseProduction'>;
  readonly events: PredictionEvents;
  readonly comparison: VersionComparisonTracker;
  /** Told of every agreement figure and failed copy too (the rollout's figures). */
  readonly observer?: OffPathObserver;
  /** Texts being scored off the path at once; a copy beyond is skipped (counted), never queued. */
  readonly maxInFlightTexts: number;
  readonly logger: Logger;
}

function agreements(a: readonly TextOutcome[], b: readonly TextOutcome[]): number {
  return a.reduce((agreed, outcome, index) => agreed + (outcome.label === b[index]?.label ? 1 : 0), 0);
}

/**
 * Scores copies of answered requests off the request path, after the answer is ready:
 * a production request is copied to the model's shadow version (its predictions are emitted as
 * `shadow` events, so they are logged and monitored, and never returned); a canary request is
 * copied to the production version, so the canary's agreement with production is known. The
 * copies run through the versions' own micro-batchers, bounded by `maxInFlightTexts`: under
 * overload copies are skipped, so the answered traffic never waits for them.
 */
export class OffPathScorer {
  #inFlightTexts = 0;
  #closed = false;
  readonly #scoring = new Set<Promise<void>>();

  constructor(private readonly options: OffPathScorerOptions) {}

  /** Copies the answered request to the shadow (production route) or production (canary route) version, if any. */
  copy(answered: AnsweredRequest): void {
    const { server } = this.options;
    const name = answered.model.name;
    let lease: Lease<LoadedModel> | undefined;
    if (answered.route === 'production') lease = server.leaseCandidate(name, 'shadow');
    else if (answered.route === 'canary') {
      const production = server.leaseProduction(name);
      lease = 'lease' in production ? production.lease : undefined;
    }
    if (lease === undefined) return;
    if (this.#closed || lease.model.version === answered.model.version) {
      lease.done();
      return;
    }
    if (this.#inFlightTexts + answered.texts.length > this.options.maxInFlightTexts) {
      lease.done();
      this.options.comparison.countOffPath(name, 'skipped');
      return;
    }
    this.#inFlightTexts += answered.texts.length;
    const scoring = lease;
    const copied = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#score(answered, scoring))
      .finally(() => {
        this.#inFlightTexts -= answered.texts.length;
        scoring.done();
        this.#scoring.delete(copied);
      });
    this.#scoring.add(copied);
  }

  /** Takes no more copies and waits for those being scored (before the models and monitoring close). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#scoring]);
  }

  async #score(answered: AnsweredRequest, lease: Lease<LoadedModel>): Promise<void> {
    const { comparison, events, logger } = this.options;
    const copy = lease.model;
    const startedAt = performance.now();
    try {
      const outcomes = await copy.predict(answered.texts);
      const latencyMs = performance.now() - startedAt;
      comparison.countOffPath(copy.name, 'scored');
      if (answered.route === 'production') {
        events.emit({
          model: copy.name,
          version: copy.version,
          role: 'shadow',
          ids: answered.ids,
          labels: copy.labels,
          texts: answered.texts,
          predictions: outcomes,
          latencyMs,
          requestId: answered.requestId,
        });
        const agreed = agreements(outcomes, answered.outcomes);
        comparison.recordAgreement(
          copy.name,
          { version: copy.version, role: 'shadow' },
          answered.model.version,
          agreed,
          outcomes.length,
        );
        this.options.observer?.agreement(copy.name, { version: copy.version, role: 'shadow' }, agreed, outcomes.length);
      } else {
        const agreed = agreements(answered.outcomes, outcomes);
        comparison.recordAgreement(
          copy.name,
          { version: answered.model.version, role: 'canary' },
          copy.version,
          agreed,
          outcomes.length,
        );
        this.options.observer?.agreement(
          copy.name,
          { version: answered.model.version, role: 'canary' },
          agreed,
          outcomes.length,
        );
      }
    } catch (error) {
      comparison.countOffPath(copy.name, 'failed');
      if (answered.route === 'production') this.options.observer?.copyFailed(copy.name, copy.version);
      logger.warn(
        { err: error, model: copy.name, version: copy.version, requestId: answered.requestId },
        'off-path scoring failed',
      );
    }
  }
}
