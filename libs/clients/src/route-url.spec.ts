import { describe, expect, it } from 'vitest';
import { fillPath, queryString } from './route-url.js';

describe('fillPath', () => {
  it('fills :param segments with their encoded values', () => {
    const path = fillPath('/v1/models/:name/versions/:version', { name: 'topics v2/é', version: 3 });
    expect(path).toBe('/v1/models/topics%20v2%2F%C3%A9/versions/3');
  });

  it('drops a param regex and keeps `::` as a literal colon', () => {
    const path = fillPath('/v1/training-jobs/:id(^[a-f0-9]{24}$)::cancel', { id: '65f0c0ffee0000000000beef' });
    expect(path).toBe('/v1/training-jobs/65f0c0ffee0000000000beef:cancel');
  });

  it('fills a `*` rest param segment by segment, keeping its slashes', () => {
    const path = fillPath('/v1/models/:name/versions/:version/files/*', {
      name: 'topics',
      version: 1,
      '*': 'weights/model dir/ü#?&:name.onnx',
    });
    expect(path).toBe('/v1/models/topics/versions/1/files/weights/model%20dir/%C3%BC%23%3F%26%3Aname.onnx');
  });

  it('leaves a template without params as it is', () => {
    expect(fillPath('/v1/health', {})).toBe('/v1/health');
  });

  it('throws a TypeError naming a missing or non-scalar param', () => {
    expect(() => fillPath('/v1/models/:name', {})).toThrow(/missing path parameter "name" for \/v1\/models\/:name/);
    expect(() => fillPath('/v1/models/:name', { name: { nested: true } })).toThrow(TypeError);
    expect(() => fillPath('/v1/files/*', { name: 'x' })).toThrow(/missing path parameter "\*"/);
  });

  it('takes a param value ending with `*` as the value, not as a rest param', () => {
    expect(fillPath('/v1/models/:name', { name: 'glob*' })).toBe('/v1/models/glob*');
    expect(fillPath('/v1/jobs/:id::cancel', { id: 'a*' })).toBe('/v1/jobs/a*:cancel');
  });
});

describe('queryString', () => {
  it('is empty without a query or without defined values', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({})).toBe('');
    expect(queryString({ cursor: undefined, tag: [] })).toBe('');
  });

  it('repeats the key of an array, writes dates in ISO 8601, and booleans and numbers as text', () => {
    const text = queryString({
      tag: ['a', 'b'],
      since: new Date('2024-01-02T03:04:05.000Z'),
      until: [new Date('2024-02-01T00:00:00.000Z')],
      cursor: undefined,
      deleted: false,
      limit: 20,
      big: 10n,
    });
    expect(text).toBe(
      '?tag=a&tag=b&since=2024-01-02T03%3A04%3A05.000Z&until=2024-02-01T00%3A00%3A00.000Z&deleted=false&limit=20&big=10',
    );
  });

  it('encodes reserved characters so that they come back as sent', () => {
    const text = queryString({ q: 'a&b=c d/é', tag: ['x?y', undefined, null, { no: 1 }] });
    const parsed = new URLSearchParams(text.slice(1));
    expect(parsed.get('q')).toBe('a&b=c d/é');
    expect(parsed.getAll('tag')).toEqual(['x?y']);
  });
});
