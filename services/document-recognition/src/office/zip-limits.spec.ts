import { readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractDocx } from './extract-docx.js';
import { assertZipWithinLimits, isZip } from './zip-limits.js';

const LIMITS = { maxUnzippedBytes: 64 * 1024 * 1024, maxZipEntries: 5000 };
const MEMO = readFileSync(new URL('../../../../fixtures/documents/memo.docx', import.meta.url));
const MEMO_ODT = readFileSync(new URL('../../../../fixtures/documents/memo.odt', import.meta.url));

/**
 * Raw deflate of `total` bytes of spaces without compressing them all: whole MiB are one
 * full-flushed segment (byte-aligned, referring to nothing before it) repeated, then an empty
 * final block. The kernel of a decompression bomb.
 */
function deflatedSpaces(total: number): Promise<Buffer> {
  const mebibyte = 1024 * 1024;
  if (total < mebibyte) return Promise.resolve(deflateRawSync(Buffer.alloc(total, 0x20)));
  const segment = deflateRawSync(Buffer.alloc(mebibyte, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  const segments = Array.from({ length: Math.floor(total / mebibyte) }, () => segment);
  return Promise.resolve(Buffer.concat([...segments, Buffer.from([0x03, 0x00])]));
}

interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  /** What the headers claim it inflates to (a bomb lies). */
  readonly declaredSize: number;
}

/**
 * A zip with the given entries; `centralCopies` lists each entry that many times in the central
 * directory, all pointing at the same local data (an overlapping-entry bomb).
 */
function zipOf(entries: readonly ZipEntry[], centralCopies = 1, declaredCount?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    for (let copy = 0; copy < centralCopies; copy += 1) centrals.push(central, name);
    locals.push(local, name, entry.data);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = declaredCount ?? entries.length * centralCopies;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function heapGrowthDuring<T>(work: () => Promise<T>): Promise<{ result: T; grownBytes: number }> {
  const before = process.memoryUsage();
  return work().then((result) => {
    const after = process.memoryUsage();
    return { result, grownBytes: after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers };
  });
}

describe('zip containers within limits', () => {
  it('lets real DOCX and ODT files through', async () => {
    expect(isZip(MEMO)).toBe(true);
    await expect(assertZipWithinLimits(MEMO, LIMITS)).resolves.toBeUndefined();
    await expect(assertZipWithinLimits(MEMO_ODT, LIMITS)).resolves.toBeUndefined();
    expect((await extractDocx(MEMO, LIMITS)).pages[0]?.text.length).toBeGreaterThan(0);
  });

  it('refuses a zip-bomb DOCX (1 GiB of spaces declared as 1 KiB) with 413 before mammoth opens it, in bounded memory', async () => {
    const kernel = await deflatedSpaces(1024 * 1024 * 1024);
    expect(kernel.length).toBeLessThan(2 * 1024 * 1024);
    const bomb = zipOf([
      { name: '[Content_Types].xml', data: await deflatedSpaces(1024), declaredSize: 1024 },
      { name: 'word/document.xml', data: kernel, declaredSize: 1024 },
    ]);
    const { result, grownBytes } = await heapGrowthDuring(() => extractDocx(bomb, LIMITS).catch((e: unknown) => e));
    expect(result).toMatchObject({ code: 'RECOGNITION_FILE_TOO_LARGE', statusCode: 413 });
    expect((result as Error).message).toMatch(/expands to more than 67108864 bytes/);
    expect(grownBytes).toBeLessThan(48 * 1024 * 1024);
  }, 60_000);

  it('counts every central-directory entry, so overlapping entries cannot multiply one small kernel', async () => {
    const kernel = await deflatedSpaces(1024 * 1024);
    const overlapping = zipOf([{ name: 'word/document.xml', data: kernel, declaredSize: 10 }], 1000);
    await expect(assertZipWithinLimits(overlapping, LIMITS)).rejects.toMatchObject({
      code: 'RECOGNITION_FILE_TOO_LARGE',
    });
  }, 60_000);

  it('refuses too many entries, and malformed containers as corrupt', async () => {
    const tiny = await deflatedSpaces(10);
    const many = zipOf([{ name: 'a', data: tiny, declaredSize: 10 }], 5001);
    await expect(assertZipWithinLimits(many, LIMITS)).rejects.toThrow(/5001 entries; at most 5000/);
    const lying = zipOf([{ name: 'a', data: tiny, declaredSize: 10 }], 1, 3);
    await expect(assertZipWithinLimits(lying, LIMITS)).rejects.toMatchObject({ code: 'RECOGNITION_CORRUPT' });
    const garbage = zipOf([{ name: 'a', data: Buffer.from('not deflate at all'), declaredSize: 10 }]);
    await expect(assertZipWithinLimits(garbage, LIMITS)).rejects.toMatchObject({ code: 'RECOGNITION_CORRUPT' });
    await expect(assertZipWithinLimits(MEMO.subarray(0, 200), LIMITS)).rejects.toMatchObject({
      code: 'RECOGNITION_CORRUPT',
    });
  });
});
