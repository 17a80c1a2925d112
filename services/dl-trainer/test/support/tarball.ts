import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarEntry {
  readonly name: string;
  readonly content?: string | Buffer;
  readonly type?: 'file' | 'symlink' | 'directory';
  readonly linkname?: string;
}

/** Packs entries into a .tar.gz, as `tar czf` would. */
export async function tarGz(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const entry of entries) {
    const content = entry.content === undefined ? Buffer.alloc(0) : Buffer.from(entry.content);
    const stream = pack.entry({
      name: entry.name,
      size: entry.type === 'file' || entry.type === undefined ? content.length : 0,
      type: entry.type ?? 'file',
      ...(entry.linkname ? { linkname: entry.linkname } : {}),
    });
    await pipeline(Readable.from([content]), stream);
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

/** Reads a .tar.gz back into path → content. */
export async function untar(archive: Buffer): Promise<Map<string, Buffer>> {
  const extract = tar.extract();
  const files = new Map<string, Buffer>();
  const feeding = pipeline(Readable.from([gunzipSync(archive)]), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    files.set(entry.header.name, Buffer.concat(chunks));
  }
  await feeding;
  return files;
}
