import type { ModelVersion } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import { isRegistryNotFound, type RegistryClient } from '../registry/registry-client.js';
import { cacheKey, ModelDiskCache, type ModelCacheLimits } from '../registry/model-disk-cache.js';
import { fetchVerifiedFolder } from '../registry/verified-folder.js';
import { LoadedModel, type LoadModelOptions } from './loaded-model.js';
import { ModelSlot, type Lease } from './model-slot.js';
import { OnDemandSet, type ServeRefusal } from './on-demand-set.js';

export type { ServeRefusal } from './on-demand-set.js';

/** The alias inference serves by default. */
export const PRODUCTION_ALIAS = 'production';

/**
 * The aliases a served model is followed at: `production` answers, `canary` answers a share of
 * the traffic, `shadow` scores a copy of the production traffic off the request path.
 */
export const SERVED_ALIASES = [PRODUCTION_ALIAS, 'canary', 'shadow'] as const;
export type ServedAlias = (typeof SERVED_ALIASES)[number];

/** Versions loaded by number (not under an alias) kept at once; the oldest is dropped beyond. */
const MAX_PINNED_VERSIONS = 8;

/** What the model server is built from. */
export interface ModelServerOptions {
  readonly registry: RegistryClient;
  readonly cacheDir: string;
  /** Bounds of the on-disk cache; least recently used versions not serving are evicted past them. */
  readonly cacheLimits?: ModelCacheLimits;
  /** The models loaded at boot; readiness waits for their production versions. */
  readonly served: readonly string[];
  /**
   * How many models not in `served` may be served from their first request (0: none): each is then
   * followed as a listed one is, without gating readiness.
   */
  readonly onDemandMax?: number;
  readonly load: LoadModelOptions;
  readonly logger: Logger;
  /** Called after the set of loaded versions changed. */
  readonly onLoadedChanged?: () => void;
}

/** Why a lease could not be given. */
export type LeaseRefusal =
  'not-served' | 'not-loaded' | 'registry-unavailable' | 'version-not-found' | 'version-unloadable';

/** A lease, or why there is none. */
export type LeaseResult =
  { readonly lease: Lease<LoadedModel> } | { readonly refusal: LeaseRefusal; readonly detail: string };

/** One loaded version, as listed. */
export interface LoadedEntry {
  readonly model: LoadedModel;
  readonly aliases: readonly string[];
  readonly inFlight: number;
}

/**
 * The model versions of one process: the `production` version of each served model (loaded at
 * boot, reloaded on promotion, swapped atomically with the old one released once drained), and
 * versions asked for by number, loaded on demand and cached. Every version is checksum-verified
 * before it is loaded; a version that fails to load never replaces the one serving.
 */
export class ModelServer {
  readonly #production = new Map<string, ModelSlot<LoadedModel>>();
  readonly #candidates = new Map<string, { readonly alias: ServedAlias; readonly slot: ModelSlot<LoadedModel> }>();
  readonly #failures = new Map<string, string>();
  readonly #loadChains = new Map<string, Promise<void>>();
  readonly #pinned = new Map<string, Promise<ModelSlot<LoadedModel>>>();
  readonly #pinnedLoaded = new Map<string, ModelSlot<LoadedModel>>();
  readonly #onDemand: OnDemandSet;
  readonly #adopting = new Map<string, Promise<ServeRefusal | null>>();
  #closed = false;
  readonly #disk: ModelDiskCache | undefined;

  constructor(private readonly options: ModelServerOptions) {
    this.#disk = options.cacheLimits && new ModelDiskCache(options.cacheDir, options.cacheLimits, options.logger);
    this.#onDemand = new OnDemandSet(options.onDemandMax ?? 0);
    for (const name of options.served) this.#addSlots(name);
  }

  /** The served model names: those listed, then those served on demand. */
  get served(): readonly string[] {
    return [...this.options.served, ...this.#onDemand.names().filter((name) => this.#production.has(name))];
  }

  /** True once every listed model has a production version loaded (models served on demand do not count). */
  get ready(): boolean {
    return this.options.served.every((name) => this.#production.get(name)?.current !== undefined);
  }

  /** Listed models without a loaded production version, with the last load error. */
  missing(): { name: string; alias: string; error: string | null }[] {
    return this.options.served
      .filter((name) => this.#production.get(name)?.current === undefined)
      .map((name) => ({ name, alias: PRODUCTION_ALIAS, error: this.#failures.get(name) ?? null }));
  }

  /** True when requests for the model can be leased now: it is served and not being taken on demand. */
  servesNow(name: string): boolean {
    return this.#production.has(name) && !this.#adopting.has(name);
  }

  /**
   * Serves a model not listed from now on, when on-demand serving allows one more (the least
   * recently used one idle for `ON_DEMAND_IDLE_MS` gives its place when the limit is reached): its
   * production version is loaded, then its canary and shadow in the background, and it is followed
   * on promotion and resync like a listed one. Resolves with null once the production version
   * serves (at once for a served model), or with why not: no production version in the registry,
   * the limit reached, the registry unreachable, or a failed load (then nothing of it is kept, and
   * the refusal is answered again for `REFUSAL_MEMORY_MS` without loading). Concurrent calls for
   * one model share one load.
   */
  serveOnDemand(name: string): Promise<ServeRefusal | null> {
    const pending = this.#adopting.get(name);
    if (pending !== undefined) return pending;
    if (this.#production.has(name)) return Promise.resolve(null);
    const recalled = this.#onDemand.recalled(name);
    if (recalled !== undefined) return Promise.resolve(recalled);
    const adoption = this.#adopt(name).finally(() => this.#adopting.delete(name));
    this.#adopting.set(name, adoption);
    return adoption;
  }

  /**
   * Makes the served model's production version (and its canary and shadow, when the registry
   * has those aliases) the ones the registry's aliases point at now: each is loaded and warmed in
   * the background, then swapped in. Calls for one model run one after another; a version already
   * serving is kept. Never throws: a failure is logged and the previous version keeps serving.
   * A canary or shadow alias that is gone (or points at the production version) empties its slot.
   */
  syncModel(name: string): Promise<void> {
    return this.#chain(name, async () => {
      await this.#syncProductionNow(name);
      await this.#syncCandidatesNow(name);
    });
  }

  /** Runs a load step of a model after the ones already queued for it. */
  #chain(name: string, step: () => Promise<void>): Promise<void> {
    const next = (this.#loadChains.get(name) ?? Promise.resolve()).then(step);
    this.#loadChains.set(name, next);
    return next;
  }

  async #syncCandidatesNow(name: string): Promise<void> {
    await this.#syncCandidateNow(name, 'canary');
    await this.#syncCandidateNow(name, 'shadow');
  }

  /** Syncs every served model (at boot, and periodically to catch a missed event). */
  async syncAll(): Promise<void> {
    await Promise.all(this.served.map((name) => this.syncModel(name)));
  }

  /** The served model's canary or shadow version, leased; undefined when it has none loaded. */
  leaseCandidate(name: string, alias: Exclude<ServedAlias, 'production'>): Lease<LoadedModel> | undefined {
    return this.#candidates.get(candidateKey(name, alias))?.slot.lease();
  }

  /** The served model's production version, leased for one request. */
  leaseProduction(name: string): LeaseResult {
    const slot = this.#production.get(name);
    if (slot === undefined) return { refusal: 'not-served', detail: `model ${name} is not served by this instance` };
    this.#onDemand.touch(name);
    const lease = slot.lease();
    if (lease === undefined) {
      return {
        refusal: 'not-loaded',
        detail: `model ${name} has no production version loaded yet${this.#failures.has(name) ? `: ${this.#failures.get(name) ?? ''}` : ''}`,
      };
    }
    return { lease };
  }

  /** A version by number, leased for one request: the production one when it is that version, else loaded on demand. */
  async leaseVersion(name: string, version: number): Promise<LeaseResult> {
    const production = this.#production.get(name)?.lease();
    if (production !== undefined) {
      if (production.model.version === version) return { lease: production };
      production.done();
    }
    const key = `${name}:${version}`;
    let pending = this.#pinned.get(key);
    if (pending === undefined) {
      pending = this.#loadPinned(name, version);
      this.#pinned.set(key, pending);
      this.#dropOldestPinned();
    }
    try {
      const lease = (await pending).lease();
      if (lease !== undefined) return { lease };
      return { refusal: 'version-unloadable', detail: `version ${version} of ${name} was unloaded` };
    } catch (error) {
      this.#pinned.delete(key);
      if (isRegistryNotFound(error)) {
        return { refusal: 'version-not-found', detail: `the registry has no version ${version} of ${name}` };
      }
      return { refusal: 'version-unloadable', detail: errorMessage(error) };
    }
  }

  /** Every loaded version with the aliases it serves under and its requests in flight. */
  list(): LoadedEntry[] {
    const entries: LoadedEntry[] = [];
    for (const slot of this.#production.values()) {
      const model = slot.current;
      if (model !== undefined) entries.push({ model, aliases: [PRODUCTION_ALIAS], inFlight: slot.inFlight });
    }
    for (const { alias, slot } of this.#candidates.values()) {
      const model = slot.current;
      if (model !== undefined) entries.push({ model, aliases: [alias], inFlight: slot.inFlight });
    }
    for (const slot of this.#pinnedLoaded.values()) {
      const model = slot.current;
      if (model !== undefined) entries.push({ model, aliases: [], inFlight: slot.inFlight });
    }
    return entries;
  }

  /** Stops loading and releases every model once its requests are done. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(this.#loadChains.values());
    for (const slot of this.#production.values()) slot.clear();
    for (const { slot } of this.#candidates.values()) slot.clear();
    for (const settled of await Promise.allSettled(this.#pinned.values())) {
      if (settled.status === 'fulfilled') settled.value.clear();
    }
    this.#pinned.clear();
    this.#pinnedLoaded.clear();
  }

  async #adopt(name: string): Promise<ServeRefusal | null> {
    const { max } = this.#onDemand;
    const unlisted = `model ${name} is not in MODELS`;
    const stopping: ServeRefusal = { refusal: 'not-served', detail: `${unlisted} and the instance is stopping` };
    if (this.#closed) return stopping;
    if (max === 0) return { refusal: 'not-served', detail: `${unlisted} and MODELS_ON_DEMAND_MAX is 0` };
    if (this.#onDemand.full && !this.#releaseIdleOnDemand(name)) {
      return {
        refusal: 'not-served',
        detail: `${unlisted} and this instance already serves ${max} models on demand (MODELS_ON_DEMAND_MAX), all used recently`,
      };
    }
    this.#onDemand.add(name);
    try {
      await this.#resolveAlias(name, PRODUCTION_ALIAS);
    } catch (error) {
      this.#onDemand.delete(name);
      if (isRegistryNotFound(error)) {
        return { refusal: 'not-served', detail: `the registry has no production version of model ${name}` };
      }
      return { refusal: 'registry-unavailable', detail: `model ${name}: ${errorMessage(error)}` };
    }
    this.#addSlots(name);
    await this.#chain(name, () => this.#syncProductionNow(name));
    if (this.#production.get(name)?.current !== undefined && !this.#isClosed()) {
      void this.#chain(name, () => this.#syncCandidatesNow(name));
      this.options.logger.info({ model: name, onDemand: this.#onDemand.names() }, 'serving a model on demand');
      return null;
    }
    const failure = this.#failures.get(name) ?? 'its production version could not be loaded';
    this.#forgetOnDemand(name);
    if (this.#isClosed()) return stopping;
    const refusal: ServeRefusal = { refusal: 'not-loaded', detail: `model ${name}: ${failure}` };
    this.#onDemand.remember(name, refusal);
    return refusal;
  }

  /** Releases the least recently used on-demand model idle long enough, for `wanted`; false when none is. */
  #releaseIdleOnDemand(wanted: string): boolean {
    const idle = this.#onDemand.evictable((name) => (this.#production.get(name)?.inFlight ?? 0) > 0);
    if (idle === undefined) return false;
    this.options.logger.info({ model: idle, for: wanted }, 'released an idle on-demand model for another');
    this.#forgetOnDemand(idle);
    return true;
  }

  #forgetOnDemand(name: string): void {
    this.#removeSlots(name);
    this.#onDemand.delete(name);
    this.#failures.delete(name);
    this.#loadChains.delete(name);
  }

  #addSlots(name: string): void {
    this.#production.set(name, this.#newSlot());
    for (const alias of ['canary', 'shadow'] as const) {
      this.#candidates.set(candidateKey(name, alias), { alias, slot: this.#newSlot() });
    }
  }

  #removeSlots(name: string): void {
    this.#production.get(name)?.clear();
    this.#production.delete(name);
    for (const alias of ['canary', 'shadow'] as const) {
      this.#candidates.get(candidateKey(name, alias))?.slot.clear();
      this.#candidates.delete(candidateKey(name, alias));
    }
    this.options.onLoadedChanged?.();
  }

  async #syncProductionNow(name: string): Promise<void> {
    if (this.#closed) return;
    const slot = this.#production.get(name);
    if (slot === undefined) return;
    const { logger } = this.options;
    let target: ModelVersion | undefined;
    try {
      target = await this.#resolveAlias(name, PRODUCTION_ALIAS);
      if (slot.current?.version === target.version) return;
      const previous = slot.current?.version ?? null;
      const model = await this.#loadInto(slot, target);
      if (model === undefined) return;
      this.#failures.delete(name);
      logger.info({ model: name, version: model.version, previousVersion: previous }, 'production model swapped in');
    } catch (error) {
      this.#failures.set(name, errorMessage(error));
      logger.error(
        { err: error, model: name, version: target?.version, serving: slot.current?.version ?? null },
        'production model not loaded; the previous version keeps serving',
      );
    }
  }

  async #syncCandidateNow(name: string, alias: Exclude<ServedAlias, 'production'>): Promise<void> {
    const slot = this.#candidates.get(candidateKey(name, alias))?.slot;
    if (this.#closed || slot === undefined) return;
    const { logger } = this.options;
    let target: ModelVersion | undefined;
    try {
      target = await this.#resolveAlias(name, alias);
    } catch (error) {
      if (!isRegistryNotFound(error)) {
        logger.error({ err: error, model: name, alias }, `could not resolve the ${alias} alias; keeping what serves`);
        return;
      }
    }
    const productionVersion = this.#production.get(name)?.current?.version;
    if (target === undefined || target.version === productionVersion) {
      if (slot.current !== undefined) {
        logger.info({ model: name, alias, version: slot.current.version }, `${alias} stopped`);
        slot.clear();
        this.options.onLoadedChanged?.();
      }
      return;
    }
    if (slot.current?.version === target.version) return;
    try {
      const model = await this.#loadInto(slot, target);
      if (model !== undefined)
        logger.info({ model: name, alias, version: model.version }, `${alias} version swapped in`);
    } catch (error) {
      logger.error({ err: error, model: name, alias, version: target.version }, `${alias} version not loaded`);
    }
  }

  /**
   * Loads the version and swaps it into the slot; undefined (and nothing loaded) when the server
   * closed meanwhile or the slot is no longer one of its own (an on-demand model released).
   */
  async #loadInto(slot: ModelSlot<LoadedModel>, target: ModelVersion): Promise<LoadedModel | undefined> {
    const model = await this.#load(target);
    if (this.#isClosed() || !this.#owns(slot)) {
      await model.release();
      return undefined;
    }
    slot.replace(model);
    this.options.onLoadedChanged?.();
    await this.#evictCached();
    return model;
  }

  async #loadPinned(name: string, version: number): Promise<ModelSlot<LoadedModel>> {
    const metadata = await this.options.registry.versions.get({ params: { name, version } });
    const slot = this.#newSlot();
    slot.replace(await this.#load(metadata));
    this.#pinnedLoaded.set(`${name}:${version}`, slot);
    this.options.onLoadedChanged?.();
    await this.#evictCached();
    return slot;
  }

  /** The version an alias of a model points at now. */
  async #resolveAlias(name: string, alias: string): Promise<ModelVersion> {
    return (await this.options.registry.aliases.resolve({ params: { name, alias } })).modelVersion;
  }

  #dropOldestPinned(): void {
    for (const [key, oldest] of this.#pinned) {
      if (this.#pinned.size <= MAX_PINNED_VERSIONS) return;
      this.#pinned.delete(key);
      this.#pinnedLoaded.delete(key);
      oldest.then((slot) => slot.clear()).catch(() => undefined);
    }
  }

  async #load(version: ModelVersion): Promise<LoadedModel> {
    const download = () =>
      fetchVerifiedFolder(this.options.registry, this.options.cacheDir, version, this.options.logger);
    const folder = this.#disk ? await this.#disk.during(version.name, version.version, download) : await download();
    // The folder was just read (or downloaded) for this load and nothing else holds it: its files
    // move to the model's thread instead of being copied there.
    const model = await LoadedModel.load(version, folder, this.options.load, 'move');
    model.whenLost((error) => this.#reloadAfterLoss(model, error));
    return model;
  }

  /** A model whose worker thread stopped leaves its slot, and the model is synced again (loaded anew). */
  #reloadAfterLoss(model: LoadedModel, error: Error): void {
    this.options.logger.error(
      { err: error, model: model.name, version: model.version },
      'the thread of a loaded model stopped; loading it again',
    );
    const slots = [
      this.#production.get(model.name),
      ...(['canary', 'shadow'] as const).map((alias) => this.#candidates.get(candidateKey(model.name, alias))?.slot),
    ];
    for (const slot of slots) if (slot?.current === model) slot.clear();
    for (const [key, slot] of this.#pinnedLoaded) {
      if (slot.current !== model) continue;
      slot.clear();
      this.#pinnedLoaded.delete(key);
      this.#pinned.delete(key);
    }
    this.#failures.set(model.name, error.message);
    this.options.onLoadedChanged?.();
    if (!this.#closed) void this.syncModel(model.name);
  }

  /** Trims the disk cache once the set of loaded versions changed, keeping every loaded version. */
  async #evictCached(): Promise<void> {
    if (!this.#disk) return;
    const inUse = new Set(this.list().map(({ model }) => cacheKey(model.name, model.version)));
    await this.#disk.evict(inUse).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'model cache eviction failed');
    });
  }

  #isClosed(): boolean {
    return this.#closed;
  }

  #owns(slot: ModelSlot<LoadedModel>): boolean {
    for (const production of this.#production.values()) if (production === slot) return true;
    for (const candidate of this.#candidates.values()) if (candidate.slot === slot) return true;
    return false;
  }

  #newSlot(): ModelSlot<LoadedModel> {
    return new ModelSlot((error) => this.options.logger.warn({ err: error }, 'releasing a model failed'));
  }
}

function candidateKey(name: string, alias: ServedAlias): string {
  return `${name}\0${alias}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
