import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@mlops/logger';

/** How much the on-disk model cache may hold. */
export interface ModelCacheLimits {
  /** Bytes of all cached version folders together. */
  readonly maxBytes: number;
  /** Cached version folders. */
  readonly maxVersions: number;
}

interface CachedVersion {
  readonly key: string;
  readonly path: string;
  readonly bytes: number;
  readonly usedAt: number;
}

/** `<name>/<version>`: how a version is named in the cache and by `inUse`. */
export function cacheKey(name: string, version: number): string {
  return `${name}/${version}`;
}

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) total += await folderBytes(child);
    else if (entry.isFile()) total += (await stat(child)).size;
  }
  return total;
}

async function subfolders(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * Keeps the verified model folders under `<cacheDir>/<name>/<version>` within limits: after a
 * version is fetched, the least recently used versions that no slot serves (and no load is
 * fetching) are deleted until the cache holds at most `maxVersions` folders and `maxBytes`.
 * Use is the folder's modification time, renewed on every fetch, so the order survives restarts.
 */
export class ModelDiskCache {
  readonly #active = new Map<string, number>();

  constructor(
    private readonly cacheDir: string,
    private readonly limits: ModelCacheLimits,
    private readonly logger: Logger,
  ) {}

  /** Runs `work` for a version with its folder protected from eviction, then marks the version used. */
  async during<T>(name: string, version: number, work: () => Promise<T>): Promise<T> {
    const key = cacheKey(name, version);
    this.#active.set(key, (this.#active.get(key) ?? 0) + 1);
    try {
      const result = await work();
      const now = new Date();
      await utimes(join(this.cacheDir, name, String(version)), now, now).catch(() => undefined);
      return result;
    } finally {
      const left = (this.#active.get(key) ?? 1) - 1;
      if (left > 0) this.#active.set(key, left);
      else this.#active.delete(key);
    }
  }

  /**
   * Deletes least recently used versions outside `inUse` (keys from `cacheKey`) and outside any
   * running fetch until the limits hold; returns the keys deleted. When only served versions are
   * left the cache may stay over its limits (logged): a serving model is never taken from disk.
   */
  async evict(inUse: ReadonlySet<string>): Promise<string[]> {
    const cached = await this.#scan();
    let bytes = cached.reduce((sum, version) => sum + version.bytes, 0);
    let count = cached.length;
    const evicted: string[] = [];
    for (const version of cached.sort((a, b) => a.usedAt - b.usedAt)) {
      if (count <= this.limits.maxVersions && bytes <= this.limits.maxBytes) break;
      if (inUse.has(version.key) || this.#active.has(version.key)) continue;
      await rm(version.path, { recursive: true, force: true });
      evicted.push(version.key);
      bytes -= version.bytes;
      count -= 1;
    }
    if (evicted.length > 0) this.logger.info({ evicted, bytes, versions: count }, 'evicted cached model versions');
    if (count > this.limits.maxVersions || bytes > this.limits.maxBytes) {
      this.logger.warn(
        { bytes, versions: count, limits: this.limits },
        'model cache over its limits: all left are in use',
      );
    }
    return evicted;
  }

  async #scan(): Promise<CachedVersion[]> {
    const found: CachedVersion[] = [];
    for (const name of await subfolders(this.cacheDir)) {
      for (const version of await subfolders(join(this.cacheDir, name))) {
        const path = join(this.cacheDir, name, version);
        try {
          found.push({
            key: `${name}/${version}`,
            path,
            bytes: await folderBytes(path),
            usedAt: (await stat(path)).mtimeMs,
          });
        } catch {
          // Deleted meanwhile by another eviction.
        }
      }
    }
    return found;
  }
}
