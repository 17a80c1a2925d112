import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ByteLimit, ByteLimitExceededError } from './byte-limit.js';

async function drain(chunks: readonly Buffer[], limit: ByteLimit): Promise<Buffer> {
  const received: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(chunks), limit, sink);
  return Buffer.concat(received);
}

describe('ByteLimit', () => {
  it('passes a stream of exactly the limit through unchanged', async () => {
    const limit = new ByteLimit(6);
    expect((await drain([Buffer.from('abc'), Buffer.from('def')], limit)).toString()).toBe('abcdef');
    expect(limit.exceeded).toBe(false);
  });

  it('fails on the chunk that crosses the limit and remembers it', async () => {
    const limit = new ByteLimit(5);
    await expect(drain([Buffer.from('abc'), Buffer.from('def'), Buffer.from('ghi')], limit)).rejects.toBeInstanceOf(
      ByteLimitExceededError,
    );
    expect(limit.exceeded).toBe(true);
  });
});
