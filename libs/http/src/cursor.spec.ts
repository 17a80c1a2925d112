import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('list cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: new Date('2026-11-25T00:00:00.123Z'), id: 'b7e0b0c4-0000-4000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    '@@@',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('["not a date","x"]').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
  ])('rejects %s', (raw) => {
    expect(decodeCursor(raw)).toBeUndefined();
  });
});
