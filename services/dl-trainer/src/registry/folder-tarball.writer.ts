import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { ArtifactStore, StoredArtifactFile } from './artifact-store.js';

/**
 * The folder as a `.tar.gz` stream: regular files in path order, mode 0644, owner 0 and the
 * version's creation time, so one version always gives the same bytes. Each file is checked
 * against its sha256 as it streams; a mismatch ends the stream with an error.
 */
export function folderTarball(store: ArtifactStore, files: readonly StoredArtifactFile[], mtime: Date): Readable {
  const pack = tar.pack();
  const gzip = createGzip();
  pipeline(pack, gzip).catch((error: unknown) =>
    gzip.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  const write = async (): Promise<void> => {
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const entry = pack.entry({ name: file.path, size: file.size, mode: 0o644, mtime, uid: 0, gid: 0, type: 'file' });
      await pipeline(store.open(file), entry);
    }
    pack.finalize();
  };
  write().catch((error: unknown) => pack.destroy(error instanceof Error ? error : new Error(String(error))));
  return gzip;
}
