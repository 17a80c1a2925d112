import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, gzipSync } from 'node:zlib';
import { folderChecksum } from '@mlops/clients';
import tar from 'tar-stream';
import { CliError, EXIT } from '../core/cli-error.js';

/** One file of a model folder on disk. */
export interface FolderFile {
  readonly path: string;
  readonly content: Buffer;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The checksum the registry gives a folder of these files. */
export function checksumOf(files: readonly FolderFile[]): string {
  return folderChecksum(files.map((file) => ({ path: file.path, sha256: sha256(file.content) })));
}

/** Reads a folder's files (hidden ones skipped), paths `/`-separated and relative to it. */
export async function readFolder(folder: string): Promise<FolderFile[]> {
  const root = resolve(folder);
  const walk = async (dir: string): Promise<FolderFile[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
      throw new CliError(EXIT.usage, `${folder}: no such folder`, 'INPUT_MISSING');
    });
    const nested = await Promise.all(
      entries
        .filter((entry) => !entry.name.startsWith('.'))
        .map(async (entry) => {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) return walk(path);
          if (!entry.isFile()) return [];
          return [{ path: relative(root, path).split(sep).join('/'), content: await readFile(path) }];
        }),
    );
    return nested.flat();
  };
  const files = await walk(root);
  if (!files.some((file) => file.path === 'manifest.json')) {
    throw new CliError(
      EXIT.failure,
      `${folder}: no manifest.json (a model folder holds one, with at least "labels")`,
      'NO_MANIFEST',
    );
  }
  return files;
}

/** Packs files into a .tar.gz, sorted by path. */
export async function packFolder(files: readonly FolderFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    await pipeline(Readable.from([file.content]), pack.entry({ name: file.path, size: file.content.length }));
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

/** Unpacks a .tar.gz stream of a model folder into `folder` (regular files only, inside it). */
export async function unpackFolder(archive: Readable, folder: string): Promise<FolderFile[]> {
  const root = resolve(folder);
  const extract = tar.extract();
  const files: FolderFile[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const target = resolve(root, entry.header.name);
      if (entry.header.type === 'file' && target.startsWith(`${root}${sep}`)) {
        files.push({ path: relative(root, target).split(sep).join('/'), content: Buffer.concat(chunks) });
      }
    }
  })();
  await pipeline(archive, createGunzip(), extract);
  await done;
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  return files;
}
