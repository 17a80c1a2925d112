import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256OffThread } from './model-files-reader.js';

describe('sha256OffThread', () => {
  it('hashes on the files thread and hands the bytes back, moved when they own their buffer', async () => {
    const content = Buffer.from(Uint8Array.from({ length: 100_000 }, (_, index) => index % 251));
    const expected = createHash('sha256').update(content).digest('hex');
    const own = Buffer.from(Uint8Array.from(content));
    const hashed = await sha256OffThread(own);
    expect(hashed.sha256).toBe(expected);
    expect(own.byteLength).toBe(0);
    expect(hashed.bytes.equals(content)).toBe(true);
    const pooled = Buffer.from('a small file');
    const small = await sha256OffThread(pooled);
    expect(small.sha256).toBe(createHash('sha256').update('a small file').digest('hex'));
    expect(pooled.toString()).toBe('a small file');
    expect(small.bytes.toString()).toBe('a small file');
  }, 30_000);
});
