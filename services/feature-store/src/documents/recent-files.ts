/**
 * The bytes of files uploaded lately, kept in memory up to a byte budget (the oldest dropped
 * first) so that their processing can send them to extraction without reading them back from
 * GridFS. Stored files never change, so a kept copy is always right; each is handed out once
 * (a retried or redelivered message reads GridFS, as does another replica or a restarted process).
 */
export class RecentFiles {
  readonly #files = new Map<string, Buffer>();
  #bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  /** Keeps a stored file's bytes, dropping the oldest kept ones past the budget. */
  keep(fileId: string, bytes: Buffer): void {
    if (bytes.length > this.budgetBytes) return;
    this.take(fileId);
    this.#files.set(fileId, bytes);
    this.#bytes += bytes.length;
    for (const [id, kept] of this.#files) {
      if (this.#bytes <= this.budgetBytes) break;
      this.#files.delete(id);
      this.#bytes -= kept.length;
    }
  }

  /** The kept bytes of a file, forgotten as they are handed out; undefined when not kept. */
  take(fileId: string): Buffer | undefined {
    const bytes = this.#files.get(fileId);
    if (bytes === undefined) return undefined;
    this.#files.delete(fileId);
    this.#bytes -= bytes.length;
    return bytes;
  }
}
