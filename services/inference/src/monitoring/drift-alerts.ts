import type { Logger } from '@mlops/logger';
import type { WindowAssessment } from './drift-tracker.js';

/** The `model.drift-detected` payload, as the alerts hand it to the publisher. */
export interface DriftDetected {
  readonly model: string;
  readonly version: number;
  readonly traffic: WindowAssessment['traffic'];
  readonly statistic: WindowAssessment['statistics'][number]['statistic'];
  readonly psi: number;
  readonly threshold: number;
  readonly window: number;
  readonly detectedAt: string;
}

/** How drift alerts are raised. */
export interface DriftAlertOptions {
  /** PSI at or above which a statistic has drifted. */
  readonly threshold: number;
  /** Least time between two events of one version, traffic and statistic. */
  readonly cooldownMs: number;
  /** Publishes the event; resolves once the broker confirmed it. */
  readonly publish: (event: DriftDetected) => Promise<void>;
  readonly logger: Logger;
}

interface AlertState {
  /** False once an event was published, until the PSI goes back under the threshold. */
  armed: boolean;
  lastPublishedAt: number;
  publishing: boolean;
}

/**
 * Turns window assessments into `model.drift-detected` events: one when a statistic (with enough
 * samples) reaches the threshold, then none for that version, traffic and statistic until its PSI
 * went back under the threshold and the cooldown has passed. An event the broker did not confirm
 * re-arms its statistic, so it is tried again at the next assessment; a dip under the threshold
 * while an event is being published re-arms it too.
 */
export class DriftAlerts {
  readonly #states = new Map<string, AlertState>();

  constructor(private readonly options: DriftAlertOptions) {}

  /** Publishes (without waiting) the events the assessments call for. */
  evaluate(assessments: readonly WindowAssessment[], now = Date.now()): void {
    for (const assessment of assessments) {
      if (!assessment.enoughSamples) continue;
      for (const { statistic, psi } of assessment.statistics) {
        const key = `${assessment.model}\u0000${assessment.version}\u0000${assessment.traffic}\u0000${statistic}`;
        const state = this.#states.get(key) ?? { armed: true, lastPublishedAt: -Infinity, publishing: false };
        this.#states.set(key, state);
        if (psi < this.options.threshold) {
          state.armed = true;
          continue;
        }
        if (!state.armed || state.publishing || now - state.lastPublishedAt < this.options.cooldownMs) continue;
        state.publishing = true;
        state.armed = false;
        const event: DriftDetected = {
          model: assessment.model,
          version: assessment.version,
          traffic: assessment.traffic,
          statistic,
          psi,
          threshold: this.options.threshold,
          window: assessment.size,
          detectedAt: new Date(now).toISOString(),
        };
        void this.#publish(state, event, now);
      }
    }
  }

  /** Forgets the states of versions `keep` rejects. */
  retain(keep: (model: string, version: number) => boolean): void {
    for (const key of this.#states.keys()) {
      const [model = '', version = ''] = key.split('\u0000');
      if (!keep(model, Number(version))) this.#states.delete(key);
    }
  }

  async #publish(state: AlertState, event: DriftDetected, now: number): Promise<void> {
    try {
      await this.options.publish(event);
      state.lastPublishedAt = now;
      this.options.logger.warn(event, 'model drift detected');
    } catch (error) {
      state.armed = true;
      this.options.logger.warn({ err: error, ...event }, 'model.drift-detected not confirmed; the next check retries');
    } finally {
      state.publishing = false;
    }
  }
}
