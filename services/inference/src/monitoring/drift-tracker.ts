import type { DriftResponse } from '@mlops/contracts';
import { assessWindow, type DriftThresholds, type StatisticDrift } from './drift-assessment.js';
import type { DriftReference } from './drift-reference.js';
import { DriftWindow, type DriftSample } from './drift-window.js';

/** Which stream a window watches: a version's answered traffic, or the shadow copies it scored. */
export type DriftTraffic = DriftResponse['versions'][number]['traffic'];

/** How windows are sized and judged. */
export interface DriftSettings {
  /** Texts per window (the most recent are kept). */
  readonly window: number;
  /** Texts a window needs before a statistic gets a verdict. */
  readonly minSamples: number;
  readonly thresholds: DriftThresholds;
}

/** One window's assessment, for alerts and gauges. */
export interface WindowAssessment {
  readonly model: string;
  readonly version: number;
  readonly traffic: DriftTraffic;
  readonly size: number;
  readonly enoughSamples: boolean;
  readonly statistics: readonly StatisticDrift[];
}

interface WindowKey {
  readonly model: string;
  readonly version: number;
  readonly traffic: DriftTraffic;
}

const keyOf = (key: WindowKey): string => `${key.model}\u0000${key.version}\u0000${key.traffic}`;

/**
 * The drift windows of the served model versions, one per version and traffic (answered, shadow):
 * a shadow scores the same texts as production but decides its own labels, so it is kept apart.
 */
export class DriftTracker {
  readonly #windows = new Map<string, WindowKey & { readonly window: DriftWindow }>();

  constructor(readonly settings: DriftSettings) {}

  /** Adds a text to the window of a version's traffic, creating the window from `reference` on first use. */
  record(key: WindowKey, reference: () => DriftReference, sample: DriftSample): void {
    this.ensure(key, reference);
    this.#windows.get(keyOf(key))?.window.add(sample);
  }

  /** Creates the (empty) window of a version's traffic if it has none yet, so reports list it. */
  ensure(key: WindowKey, reference: () => DriftReference): void {
    const id = keyOf(key);
    if (!this.#windows.has(id))
      this.#windows.set(id, { ...key, window: new DriftWindow(reference(), this.settings.window) });
  }

  /** Forgets the windows of versions `keep` rejects (versions no longer loaded). */
  retain(keep: (model: string, version: number) => boolean): void {
    for (const [id, entry] of this.#windows) if (!keep(entry.model, entry.version)) this.#windows.delete(id);
  }

  /** Every window's statistics now. */
  assessAll(): WindowAssessment[] {
    return [...this.#windows.values()].map((entry) => this.#assess(entry));
  }

  /** The drift report of one model, its versions in ascending order, served traffic first. */
  report(model: string, now = new Date()): DriftResponse {
    const versions = [...this.#windows.values()]
      .filter((entry) => entry.model === model)
      .sort((a, b) => a.version - b.version || a.traffic.localeCompare(b.traffic))
      .map((entry) => {
        const { settings } = this;
        const assessment = assessWindow(
          entry.window.reference,
          entry.window.counts(),
          settings.minSamples,
          settings.thresholds,
        );
        return {
          version: entry.version,
          traffic: entry.traffic,
          window: { size: entry.window.size, capacity: entry.window.capacity },
          minSamples: settings.minSamples,
          ...assessment,
        };
      });
    return { model, thresholds: { ...this.settings.thresholds }, versions, checkedAt: now.toISOString() };
  }

  #assess(entry: WindowKey & { readonly window: DriftWindow }): WindowAssessment {
    const counts = entry.window.counts();
    const { statistics } = assessWindow(
      entry.window.reference,
      counts,
      this.settings.minSamples,
      this.settings.thresholds,
    );
    return {
      model: entry.model,
      version: entry.version,
      traffic: entry.traffic,
      size: counts.size,
      enoughSamples: counts.size >= this.settings.minSamples,
      statistics,
    };
  }
}
