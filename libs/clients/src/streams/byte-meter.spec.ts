import { createHash } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ByteLimitExceededError, ByteMeter, type ByteMeterOptions } from './byte-meter.js';

const CHUNKS = ['hello ', 'metered ', 'world'].map((text) => Buffer.from(text));
const ALL = Buffer.concat(CHUNKS);
const SHA256 = createHash('sha256').update(ALL).digest('hex');

/** Pipes the chunks through a meter into a sink; resolves with the meter and what reached the sink. */
async function meter(options: ByteMeterOptions): Promise<{ meter: ByteMeter; out: Buffer }> {
  const byteMeter = new ByteMeter(options);
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(CHUNKS), byteMeter, sink);
  return { meter: byteMeter, out: Buffer.concat(out) };
}

async function failure(options: ByteMeterOptions): Promise<unknown> {
  return meter(options).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('ByteMeter', () => {
  it('passes every byte through and counts them', async () => {
    const { meter: counted, out } = await meter({});
    expect(out.equals(ALL)).toBe(true);
    expect(counted.bytes).toBe(ALL.length);
    expect(counted.exceeded).toBe(false);
  });

  it('lets exactly maxBytes through', async () => {
    const { meter: counted } = await meter({ maxBytes: ALL.length });
    expect(counted.exceeded).toBe(false);
  });

  it('fails with ByteLimitExceededError as soon as more than maxBytes went through', async () => {
    const error = await failure({ maxBytes: 10 });
    expect(error).toBeInstanceOf(ByteLimitExceededError);
    expect(error).toMatchObject({ name: 'ByteLimitExceededError', maxBytes: 10, message: 'more than 10 bytes' });
  });

  it('fails with the custom tooLarge error, and reports exceeded', async () => {
    const byteMeter = new ByteMeter({ maxBytes: 8, tooLarge: (max) => new RangeError(`over ${max}`) });
    const error = await pipeline(Readable.from(CHUNKS), byteMeter, new PassThrough()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toEqual(new RangeError('over 8'));
    expect(byteMeter.exceeded).toBe(true);
    expect(byteMeter.bytes).toBe(14);
  });

  it('hashes the bytes when asked', async () => {
    const { meter: hashed } = await meter({ hash: true });
    expect(hashed.digest()).toBe(SHA256);
  });

  it('refuses a digest when it does not hash', async () => {
    const { meter: plain } = await meter({});
    expect(() => plain.digest()).toThrow('this meter does not hash');
  });

  it('keeps the first bytes, across chunks', async () => {
    expect((await meter({ keepHead: 9 })).meter.head().toString()).toBe('hello met');
    expect((await meter({ keepHead: 1_000 })).meter.head().equals(ALL)).toBe(true);
    expect((await meter({})).meter.head()).toHaveLength(0);
  });

  it('ends quietly when the bytes match the expected size and sha256', async () => {
    const { out } = await meter({ expect: { size: ALL.length, sha256: SHA256 } });
    expect(out.equals(ALL)).toBe(true);
  });

  it('gives the digest of bytes it also checked against an expected sha256', async () => {
    const { meter: checked } = await meter({ hash: true, expect: { size: ALL.length, sha256: SHA256 } });
    expect(checked.digest()).toBe(SHA256);
    expect(checked.digest()).toBe(SHA256);
  });

  it('fails at the end with a default error when the size or the sha256 differ', async () => {
    const wrongSize = await failure({ expect: { size: ALL.length + 1, sha256: SHA256 } });
    expect(wrongSize).toEqual(
      new Error(`expected ${ALL.length + 1} bytes with sha256 ${SHA256}, got ${ALL.length} / ${SHA256}`),
    );
    const wrongHash = await failure({ expect: { size: ALL.length, sha256: '0'.repeat(64) } });
    expect(wrongHash).toBeInstanceOf(Error);
    expect((wrongHash as Error).message).toContain(`got ${ALL.length} / ${SHA256}`);
  });

  it('fails at the end with the custom mismatch error, given what it saw', async () => {
    const seen: { size: number; sha256: string }[] = [];
    const error = await failure({
      expect: { size: 1, sha256: SHA256 },
      mismatch: (actual) => {
        seen.push(actual);
        return new Error('checksum mismatch');
      },
    });
    expect(error).toEqual(new Error('checksum mismatch'));
    expect(seen).toEqual([{ size: ALL.length, sha256: SHA256 }]);
  });
});
