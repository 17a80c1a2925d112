/** Something holding native resources that must be freed once, when nobody uses it any more. */
export interface Releasable {
  release(): Promise<void>;
}

/** A use of a slot's model: call `done` once when the request has finished with it. */
export interface Lease<M> {
  readonly model: M;
  done(): void;
}

class CountedModel<M extends Releasable> {
  refs = 0;
  retired = false;
  released = false;

  constructor(
    readonly model: M,
    private readonly onReleaseError: (error: unknown) => void,
  ) {}

  releaseIfIdle(): void {
    if (!this.retired || this.refs > 0 || this.released) return;
    this.released = true;
    this.model.release().catch(this.onReleaseError);
  }
}

/**
 * Holds the model serving one name (and alias) and swaps it atomically. `lease()` hands out the
 * current model with a reference; `replace()` makes a new model current for every later lease at
 * once, and releases the previous one only after its last lease is done, so requests in flight
 * finish on the model they started with.
 */
export class ModelSlot<M extends Releasable> {
  #current: CountedModel<M> | undefined;
  readonly #retiring = new Set<CountedModel<M>>();

  constructor(private readonly onReleaseError: (error: unknown) => void = () => undefined) {}

  /** The current model with a reference held until `done()`; undefined while the slot is empty. */
  lease(): Lease<M> | undefined {
    const entry = this.#current;
    if (entry === undefined) return undefined;
    entry.refs += 1;
    let finished = false;
    return {
      model: entry.model,
      done: () => {
        if (finished) return;
        finished = true;
        entry.refs -= 1;
        entry.releaseIfIdle();
        if (entry.released) this.#retiring.delete(entry);
      },
    };
  }

  /** The current model, without taking a reference (for listings). */
  get current(): M | undefined {
    return this.#current?.model;
  }

  /** Leases running on the current model. */
  get inFlight(): number {
    return this.#current?.refs ?? 0;
  }

  /** Replaced models whose last leases have not finished yet. */
  get draining(): number {
    return this.#retiring.size;
  }

  /** Makes `next` current; the previous model is released once its leases are done. */
  replace(next: M): void {
    const previous = this.#current;
    this.#current = new CountedModel(next, this.onReleaseError);
    if (previous !== undefined) this.#retire(previous);
  }

  /** Empties the slot; every model is released once its leases are done. */
  clear(): void {
    const previous = this.#current;
    this.#current = undefined;
    if (previous !== undefined) this.#retire(previous);
  }

  #retire(entry: CountedModel<M>): void {
    entry.retired = true;
    this.#retiring.add(entry);
    entry.releaseIfIdle();
    if (entry.released) this.#retiring.delete(entry);
  }
}
