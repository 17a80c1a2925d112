import type { LoadedModel } from '../serving/loaded-model.js';
import { driftReferenceOf, type DriftReference } from './drift-reference.js';

/** What monitoring needs of a loaded version: its drift reference and label positions. */
export interface MonitoredVersion {
  readonly reference: DriftReference;
  readonly labelIndex: ReadonlyMap<string, number>;
}

const keyOf = (model: string, version: number): string => `${model}\u0000${version}`;

/**
 * The loaded versions monitoring has seen, each read once from its manifest. A version stays
 * known after it is released until `retain` runs, so texts queued before a swap are still measured.
 */
export class MonitoredVersions {
  readonly #known = new Map<string, MonitoredVersion>();

  constructor(private readonly loaded: () => readonly LoadedModel[]) {}

  /** The version, looked up among the loaded ones on first use; undefined when it is not loaded. */
  lookup(model: string, version: number): MonitoredVersion | undefined {
    const key = keyOf(model, version);
    const known = this.#known.get(key);
    if (known) return known;
    const found = this.loaded().find((candidate) => candidate.name === model && candidate.version === version);
    if (!found) return undefined;
    const entry: MonitoredVersion = {
      reference: driftReferenceOf(found.labels, found.manifest.trainingStatistics),
      labelIndex: new Map(found.labels.map((label, index) => [label, index])),
    };
    this.#known.set(key, entry);
    return entry;
  }

  /** Forgets the versions no longer loaded; returns the test of what is still loaded. */
  retain(): (model: string, version: number) => boolean {
    const loaded = new Set(this.loaded().map((model) => keyOf(model.name, model.version)));
    for (const key of this.#known.keys()) if (!loaded.has(key)) this.#known.delete(key);
    return (model, version) => loaded.has(keyOf(model, version));
  }
}
