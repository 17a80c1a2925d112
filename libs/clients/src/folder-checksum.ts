import { createHash } from 'node:crypto';

/**
 * The checksum of a model folder: sha256 over the lines `<path>\0<sha256>\n` of its files sorted
 * by path. Two folders with the same files have the same checksum, whatever the order they were
 * listed in.
 */
export function folderChecksum(files: readonly { readonly path: string; readonly sha256: string }[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.sha256}\n`);
  }
  return hash.digest('hex');
}
