/** Why a model is not served, as `ModelServer.serveOnDemand` answers. */
export interface ServeRefusal {
  readonly refusal: 'not-served' | 'not-loaded' | 'registry-unavailable';
  readonly detail: string;
}

/** How long an on-demand model must have gone unused before another one may take its place. */
export const ON_DEMAND_IDLE_MS = 10 * 60_000;
/** How long a failed load of a model is answered from memory instead of loading it again. */
export const REFUSAL_MEMORY_MS = 30_000;

/**
 * The models a server took on demand: which, when each last answered, and the recent refusals of
 * models that failed to load. Bounded by `max`; a model unused for `idleMs` (the least recently
 * used first) may give its place to a new one.
 */
export class OnDemandSet {
  readonly #lastUsed = new Map<string, number>();
  readonly #refused = new Map<string, { readonly refusal: ServeRefusal; readonly until: number }>();

  constructor(
    readonly max: number,
    private readonly idleMs = ON_DEMAND_IDLE_MS,
    private readonly refusalMs = REFUSAL_MEMORY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The names, in the order they were taken. */
  names(): string[] {
    return [...this.#lastUsed.keys()];
  }

  has(name: string): boolean {
    return this.#lastUsed.has(name);
  }

  /** True when no other model may be taken without releasing one. */
  get full(): boolean {
    return this.#lastUsed.size >= this.max;
  }

  add(name: string): void {
    this.#lastUsed.set(name, this.now());
  }

  delete(name: string): void {
    this.#lastUsed.delete(name);
  }

  /** Marks a model as just used (a request leased it). */
  touch(name: string): void {
    if (this.#lastUsed.has(name)) this.#lastUsed.set(name, this.now());
  }

  /** The least recently used model unused for `idleMs` and not `busy`, to release for a new one; undefined when none is. */
  evictable(busy: (name: string) => boolean): string | undefined {
    let oldest: string | undefined;
    let oldestAt = Infinity;
    const threshold = this.now() - this.idleMs;
    for (const [name, at] of this.#lastUsed) {
      if (at <= threshold && at < oldestAt && !busy(name)) {
        oldest = name;
        oldestAt = at;
      }
    }
    return oldest;
  }

  /** Remembers why a model could not be loaded, for `refusalMs`. */
  remember(name: string, refusal: ServeRefusal): void {
    this.#refused.set(name, { refusal, until: this.now() + this.refusalMs });
  }

  /** The refusal remembered for a model, while it lasts. */
  recalled(name: string): ServeRefusal | undefined {
    const found = this.#refused.get(name);
    if (found === undefined) return undefined;
    if (found.until > this.now()) return found.refusal;
    this.#refused.delete(name);
    return undefined;
  }
}
