import type { ServingRoute } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { TextOutcome } from './loaded-model.js';

/**
 * Which part of the traffic a prediction belongs to: answered on one of the routes, or scored
 * by the shadow version on a copy of a production request (never returned to the client).
 */
export type PredictionRole = ServingRoute | 'shadow';

/** One answered predict request (or its shadow copy), as monitoring sees it. */
export interface PredictionEvent {
  readonly model: string;
  readonly version: number;
  readonly role: PredictionRole;
  /**
   * The prediction ids returned to the client, one per text, in order. A shadow copy carries the
   * very array of the request it copies, so feedback on an answered prediction also scores the
   * shadow, and the prediction log's cap logs the copy exactly when it logged the request.
   */
  readonly ids: readonly string[];
  /** The model's labels, in the order of each outcome's probabilities. */
  readonly labels: readonly string[];
  readonly texts: readonly string[];
  /** One per text, in order: the decided label, every label's probability, the rule, the hits. */
  readonly predictions: readonly TextOutcome[];
  /** Time from the texts reaching the batcher to their outcomes, in milliseconds. */
  readonly latencyMs: number;
  readonly requestId: string;
}

/**
 * Called after each answered predict request, on the request path: it must return quickly
 * (queue the work, never await I/O here). A listener that throws is logged and ignored.
 */
export type PredictionListener = (event: PredictionEvent) => void;

/** The listeners of one app; `buildApp` takes initial ones in its overrides. */
export class PredictionEvents {
  readonly #listeners = new Set<PredictionListener>();

  constructor(
    private readonly logger: Logger,
    listeners: readonly PredictionListener[] = [],
  ) {
    for (const listener of listeners) this.#listeners.add(listener);
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: PredictionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hands the event to every listener. */
  emit(event: PredictionEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn({ err: error, model: event.model, version: event.version }, 'a prediction listener failed');
      }
    }
  }
}
