import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { recognitionErrors } from '../errors.js';

/** How far a zip container (DOCX, ODT, XLSX …) may expand before it is refused. */
export interface ZipLimits {
  /** Total bytes all entries inflate to, counted as they are inflated (declared sizes are not trusted). */
  readonly maxUnzippedBytes: number;
  /** Entries in the central directory. */
  readonly maxZipEntries: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_MARK = 0xffffffff;
const CHUNK = 64 * 1024;

/** Whether the bytes start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32LE(0) === LOCAL_HEADER;
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

function corrupt(detail: string): Error {
  return recognitionErrors.corrupt(`the zip container is malformed: ${detail}`);
}

function endOfDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw corrupt('no end of central directory');
}

/** The entries of the central directory, the list readers such as mammoth (JSZip) follow. */
function centralDirectory(bytes: Buffer, limits: ZipLimits): Entry[] {
  const end = endOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === ZIP64_MARK) throw corrupt('ZIP64 containers are not accepted');
  if (count > limits.maxZipEntries) {
    throw recognitionErrors.fileTooLarge(`the zip container has ${count} entries; at most ${limits.maxZipEntries}`);
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw corrupt('bad central directory');
    const nameLength = bytes.readUInt16LE(at + 28);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const localOffset = bytes.readUInt32LE(at + 42);
    if (compressedSize === ZIP64_MARK || localOffset === ZIP64_MARK) throw corrupt('ZIP64 entries are not accepted');
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize,
      localOffset,
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

function compressedData(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER)
    throw corrupt(`bad local header of ${entry.name}`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) throw corrupt(`${entry.name} runs past the end`);
  return bytes.subarray(start, start + entry.compressedSize);
}

class ExpansionExceeded extends Error {}

/** Inflates one entry chunk by chunk, counting the bytes it expands to and stopping past `budget`. */
async function inflatedSize(data: Buffer, budget: number): Promise<number> {
  let total = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      callback(total > budget ? new ExpansionExceeded() : null);
    },
  });
  const chunks = (function* () {
    for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, at + CHUNK);
  })();
  await pipeline(Readable.from(chunks), createInflateRaw({ chunkSize: CHUNK }), counter);
  return total;
}

/**
 * Refuses a zip container that would expand too far before any reader opens it: too many entries,
 * or entries that inflate (really, not as declared) to more than `maxUnzippedBytes` in total —
 * counting every entry of the central directory, so overlapping-entry bombs count each time.
 * Inflation is streamed and discarded: memory stays at a few chunks whatever the archive says.
 * Throws `RECOGNITION_FILE_TOO_LARGE` naming the limit, or `RECOGNITION_CORRUPT`.
 */
export async function assertZipWithinLimits(bytes: Buffer, limits: ZipLimits): Promise<void> {
  let remaining = limits.maxUnzippedBytes;
  for (const entry of centralDirectory(bytes, limits)) {
    const data = compressedData(bytes, entry);
    let size: number;
    if (entry.method === 0) size = data.length;
    else if (entry.method === 8) {
      try {
        size = await inflatedSize(data, remaining);
      } catch (error) {
        if (error instanceof ExpansionExceeded) size = remaining + 1;
        else throw corrupt(`${entry.name} does not inflate`);
      }
    } else throw corrupt(`${entry.name} uses compression method ${entry.method}`);
    remaining -= size;
    if (remaining < 0) {
      throw recognitionErrors.fileTooLarge(
        `the zip container expands to more than ${limits.maxUnzippedBytes} bytes (RECOGNITION_MAX_UNZIPPED_BYTES)`,
      );
    }
  }
}
