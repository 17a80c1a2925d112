import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@mlops/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, ModelDiskCache } from './model-disk-cache.js';

const silent = createLogger({ service: 'cache-test', level: 'silent' });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'model-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A cached version folder of `bytes` bytes, last used `usedAt` seconds after the epoch. */
async function cached(name: string, version: number, bytes: number, usedAt: number): Promise<void> {
  const path = join(dir, name, String(version));
  await mkdir(join(path, 'vocab'), { recursive: true });
  await writeFile(join(path, 'model.onnx'), Buffer.alloc(bytes - 10));
  await writeFile(join(path, 'vocab', 'words.txt'), Buffer.alloc(10));
  await utimes(path, usedAt, usedAt);
}

async function present(): Promise<string[]> {
  const keys: string[] = [];
  for (const name of await readdir(dir)) {
    for (const version of await readdir(join(dir, name))) keys.push(`${name}/${version}`);
  }
  return keys.sort();
}

describe('ModelDiskCache', () => {
  it('evicts the least recently used versions past the version limit, never one in use', async () => {
    await cached('topics', 1, 100, 1000);
    await cached('topics', 2, 100, 2000);
    await cached('spam', 7, 100, 1500);
    await cached('topics', 3, 100, 3000);
    const cache = new ModelDiskCache(dir, { maxVersions: 2, maxBytes: 1_000_000 }, silent);
    const evicted = await cache.evict(new Set([cacheKey('topics', 1)]));
    expect(evicted).toEqual(['spam/7', 'topics/2']);
    expect(await present()).toEqual(['topics/1', 'topics/3']);
  });

  it('evicts by bytes, counting every file of a folder', async () => {
    await cached('topics', 1, 400, 1000);
    await cached('topics', 2, 400, 2000);
    await cached('topics', 3, 400, 3000);
    const cache = new ModelDiskCache(dir, { maxVersions: 100, maxBytes: 900 }, silent);
    expect(await cache.evict(new Set())).toEqual(['topics/1']);
    expect(await cache.evict(new Set())).toEqual([]);
  });

  it('renews use on fetch and protects a version while it is being fetched', async () => {
    await cached('topics', 1, 100, 1000);
    await cached('topics', 2, 100, 2000);
    const cache = new ModelDiskCache(dir, { maxVersions: 1, maxBytes: 1_000_000 }, silent);
    await cache.during('topics', 1, () => Promise.resolve());
    expect(await cache.evict(new Set())).toEqual(['topics/2']);
    await cached('topics', 2, 100, 5000);
    const during = await cache.during('topics', 1, () => cache.evict(new Set(['topics/2'])));
    expect(during).toEqual([]);
    expect(await present()).toEqual(['topics/1', 'topics/2']);
  });

  it('stays over its limits rather than delete a served version, and copes with an empty directory', async () => {
    await cached('topics', 1, 500, 1000);
    const cache = new ModelDiskCache(dir, { maxVersions: 1, maxBytes: 10 }, silent);
    expect(await cache.evict(new Set(['topics/1']))).toEqual([]);
    expect(await present()).toEqual(['topics/1']);
    expect(
      await new ModelDiskCache(join(dir, 'missing'), { maxVersions: 1, maxBytes: 1 }, silent).evict(new Set()),
    ).toEqual([]);
  });
});
