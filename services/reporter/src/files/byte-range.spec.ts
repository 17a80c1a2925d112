import { describe, expect, it } from 'vitest';
import { contentRange, entityTag, matchesIfNoneMatch, parseRange, rangeAllowed } from './byte-range.js';

describe('parseRange', () => {
  it('reads a closed, an open and a suffix range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'range', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'range', range: { start: 900, end: 999 } });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'range', range: { start: 900, end: 999 } });
    expect(parseRange(' Bytes = 5 - 9 ', 1000)).toEqual({ kind: 'range', range: { start: 5, end: 9 } });
  });

  it('clamps the end and a suffix longer than the file to the file', () => {
    expect(parseRange('bytes=990-2000', 1000)).toEqual({ kind: 'range', range: { start: 990, end: 999 } });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'range', range: { start: 0, end: 999 } });
    expect(parseRange('bytes=999-999', 1000)).toEqual({ kind: 'range', range: { start: 999, end: 999 } });
  });

  it('is unsatisfiable past the end, for an empty suffix or an empty file', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5000-6000', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not honour: no header, other units, several ranges, reversed or malformed ones', () => {
    for (const header of [
      undefined,
      '',
      'items=0-5',
      'bytes=0-5,10-20',
      'bytes=9-5',
      'bytes=-',
      'bytes=a-b',
      'bytes 0-5',
      'bytes=99999999999999999999-',
    ]) {
      expect(parseRange(header, 1000)).toEqual({ kind: 'none' });
    }
  });
});

describe('entity tags and conditional headers', () => {
  const etag = entityTag('ab'.repeat(32));

  it('quotes the sha256 and writes Content-Range for a range and for an unsatisfiable request', () => {
    expect(etag).toBe(`"${'ab'.repeat(32)}"`);
    expect(contentRange({ start: 0, end: 99 }, 1000)).toBe('bytes 0-99/1000');
    expect(contentRange(undefined, 1000)).toBe('bytes */1000');
  });

  it('matches If-None-Match weakly, in a list, and for *', () => {
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });

  it('honours a Range only when If-Range is absent or names the same version', () => {
    expect(rangeAllowed(undefined, etag)).toBe(true);
    expect(rangeAllowed(etag, etag)).toBe(true);
    expect(rangeAllowed('"other"', etag)).toBe(false);
    expect(rangeAllowed('Wed, 21 Oct 2015 07:28:00 GMT', etag)).toBe(false);
  });
});
