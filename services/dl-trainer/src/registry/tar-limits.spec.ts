import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ArtifactStore, StoredArtifactFile } from './artifact-store.js';
import { storeFolderTarball } from './folder-tarball.reader.js';
import type { RegistryConfig } from './registry.config.js';

const LIMITS: RegistryConfig['limits'] = {
  maxImportBytes: 64 * 1024 * 1024,
  maxFolderBytes: 16 * 1024 * 1024,
  maxFiles: 256,
  maxTarEntries: 4096,
  maxManifestBytes: 1024 * 1024,
};

/** A ustar header block with a valid checksum. */
function header(name: string, size: number, type = '0'): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write('        ', 148);
  block.write(type, 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** Gzips `head`, then `zeros` bytes of zeros made on demand: the archive is never held whole. */
function gzipped(head: Buffer, zeros = 0): Readable {
  const block = Buffer.alloc(1024 * 1024);
  const source = Readable.from(
    (function* () {
      yield head;
      for (let sent = 0; sent < zeros; sent += block.length) yield block;
    })(),
  );
  return source.pipe(createGzip({ level: 1 }));
}

/** A store that keeps files in memory, and says what was discarded. */
function memoryStore(): { store: ArtifactStore; kept: Map<string, Buffer>; discarded: string[] } {
  const kept = new Map<string, Buffer>();
  const discarded: string[] = [];
  const store = {
    put: async (path: string, source: Readable): Promise<StoredArtifactFile> => {
      const bytes = await buffer(source);
      kept.set(path, bytes);
      return { path, size: bytes.length, sha256: '', gridFsId: path } as unknown as StoredArtifactFile;
    },
    discard: (files: readonly { gridFsId: unknown }[]) => {
      discarded.push(...files.map((file) => String(file.gridFsId)));
      return Promise.resolve();
    },
  } as unknown as ArtifactStore;
  return { store, kept, discarded };
}

const OWNER = { name: 'm', version: 1 } as unknown as Parameters<typeof storeFolderTarball>[3];

async function refusal(
  body: Readable,
  limits = LIMITS,
): Promise<{ code?: string; statusCode?: number; message: string }> {
  const { store } = memoryStore();
  return storeFolderTarball(store, body, limits, OWNER).then(
    () => ({ message: 'accepted' }),
    (error: unknown) => error as { code?: string; statusCode?: number; message: string },
  );
}

describe('tarball import limits', () => {
  it('imports a plain folder', async () => {
    const { store, kept } = memoryStore();
    const content = Buffer.from('{"labels":["a"]}');
    const files = await storeFolderTarball(
      store,
      gzipped(Buffer.concat([header('manifest.json', content.length), padded(content), Buffer.alloc(1024)])),
      LIMITS,
      OWNER,
    );
    expect(files.map((file) => file.path)).toEqual(['manifest.json']);
    expect(kept.get('manifest.json')?.toString()).toBe('{"labels":["a"]}');
  });

  it('stops a gzip bomb after the archive end (256 MiB of zeros) at the uncompressed limit, in bounded memory', async () => {
    const content = Buffer.from('x');
    const before = process.memoryUsage().rss;
    const error = await refusal(
      gzipped(Buffer.concat([header('manifest.json', 1), padded(content)]), 256 * 1024 * 1024),
    );
    expect(error).toMatchObject({ code: 'REGISTRY_IMPORT_TOO_LARGE', statusCode: 413 });
    expect(error.message).toMatch(/expands past/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);

  it('refuses a pax header bomb before the tar reader buffers it', async () => {
    const error = await refusal(gzipped(header('PaxHeader/x', 200 * 1024 * 1024, 'x'), 200 * 1024 * 1024));
    expect(error).toMatchObject({ code: 'REGISTRY_IMPORT_TOO_LARGE' });
    expect(error.message).toMatch(/extended header/);
  });

  it('refuses a pax header that overrides an entry size', async () => {
    const record = '20 size=99999999999\n';
    const pax = Buffer.from(`${record.length.toString().padStart(2, '0')}${record.slice(2)}`);
    const error = await refusal(
      gzipped(Buffer.concat([header('PaxHeader/x', pax.length, 'x'), padded(pax), header('a.bin', 0)])),
    );
    expect(error.message).toMatch(/overriding an entry size/);
  });

  it('refuses more entries than allowed, folders included', async () => {
    const folders = Buffer.concat(Array.from({ length: 5000 }, (_, i) => header(`d${i}/`, 0, '5')));
    const error = await refusal(gzipped(folders));
    expect(error).toMatchObject({ code: 'REGISTRY_IMPORT_TOO_LARGE' });
    expect(error.message).toMatch(/more than 4096 entries/);
  });

  it('refuses links and paths that climb out, storing nothing', async () => {
    const { store, discarded } = memoryStore();
    const content = Buffer.from('{}');
    const archive = Buffer.concat([
      header('manifest.json', content.length),
      padded(content),
      header('evil', 0, '2'),
      Buffer.alloc(1024),
    ]);
    const linked = await storeFolderTarball(store, gzipped(archive), LIMITS, OWNER).catch((e: unknown) => e);
    expect(linked).toMatchObject({ code: 'REGISTRY_UNSAFE_PATH' });
    expect(discarded).toEqual(['manifest.json']);
    const climbing = await refusal(gzipped(Buffer.concat([header('../../etc/cron.d/x', 1), padded(Buffer.from('x'))])));
    expect(climbing).toMatchObject({ code: 'REGISTRY_UNSAFE_PATH' });
  });
});
