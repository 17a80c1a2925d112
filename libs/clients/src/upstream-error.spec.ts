import { describe, expect, it } from 'vitest';
import { errorFromAnswer, errorFromTransport, invalidAnswer, UpstreamError } from './upstream-error.js';

function problem(status: number, code: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: `https://mlops.local/problems/${code}`, title: 'A title', status, code, ...extra });
}

describe('errorFromAnswer', () => {
  it('keeps the code, detail, field pointers and request id of a problem+json', () => {
    const errors = [{ pointer: '/body/texts/0', message: 'Too long' }];
    const body = problem(400, 'NLP_VALIDATION', { detail: 'texts/0 is too long', errors, requestId: 'req-7' });
    const error = errorFromAnswer('nlp', 400, body);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      name: 'UpstreamError',
      kind: 'refused',
      service: 'nlp',
      code: 'NLP_VALIDATION',
      detail: 'texts/0 is too long',
      status: 400,
      fieldErrors: errors,
      requestId: 'req-7',
      retryable: false,
    });
    expect(error.message).toBe('nlp: 400 NLP_VALIDATION: texts/0 is too long');
  });

  it("uses a problem's title when it has no detail", () => {
    const error = errorFromAnswer('nlp', 404, problem(404, 'NLP_NOT_FOUND'));
    expect(error).toMatchObject({ detail: 'A title', fieldErrors: [], requestId: undefined });
  });

  it('names an answer that is not a problem by its service and status, its text as detail', () => {
    expect(errorFromAnswer('dl-trainer', 502, '<html>Bad gateway</html>')).toMatchObject({
      kind: 'unavailable',
      code: 'DL_TRAINER_HTTP_502',
      detail: '<html>Bad gateway</html>',
      status: 502,
    });
    expect(errorFromAnswer('feature-store', 404, '{"message":"not a problem"}').code).toBe('FEATURE_STORE_HTTP_404');
    expect(errorFromAnswer('nlp', 500, 'x'.repeat(2_000)).detail).toHaveLength(500);
  });

  it.each([
    [400, 'refused'],
    [404, 'refused'],
    [409, 'refused'],
    [422, 'refused'],
    [408, 'unavailable'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
  ] as const)('takes a %i as %s', (status, kind) => {
    expect(errorFromAnswer('nlp', status, problem(status, 'SOME_CODE')).kind).toBe(kind);
    expect(errorFromAnswer('nlp', status, 'plain text').kind).toBe(kind);
  });

  it("takes a route's timeout code as a timeout, whatever the status", () => {
    const timeoutCodes = ['RECOGNITION_TIMEOUT'];
    expect(
      errorFromAnswer('document-recognition', 422, problem(422, 'RECOGNITION_TIMEOUT'), timeoutCodes),
    ).toMatchObject({ kind: 'timeout', code: 'RECOGNITION_TIMEOUT', retryable: true });
    expect(errorFromAnswer('document-recognition', 422, problem(422, 'OTHER'), timeoutCodes).kind).toBe('refused');
  });
});

describe('UpstreamError', () => {
  it('is retryable unless refused', () => {
    expect(new UpstreamError('refused', 's', 'C', 'd', 400).retryable).toBe(false);
    expect(new UpstreamError('unavailable', 's', 'C', 'd').retryable).toBe(true);
    expect(new UpstreamError('timeout', 's', 'C', 'd').retryable).toBe(true);
  });

  it('leaves the status out of its message when there was no answer', () => {
    expect(new UpstreamError('timeout', 'nlp', 'UPSTREAM_TIMEOUT', 'late').message).toBe('nlp: UPSTREAM_TIMEOUT: late');
  });
});

describe('errorFromTransport', () => {
  it('passes an UpstreamError through', () => {
    const error = new UpstreamError('refused', 'nlp', 'C', 'd', 400);
    expect(errorFromTransport('nlp', error, 10)).toBe(error);
  });

  it('takes a TimeoutError as a timeout naming the time allowed', () => {
    const error = errorFromTransport('nlp', new DOMException('late', 'TimeoutError'), 250);
    expect(error).toMatchObject({
      kind: 'timeout',
      code: 'UPSTREAM_TIMEOUT',
      detail: 'nlp did not answer within 250 ms',
    });
  });

  it('takes anything else as unreachable, with the cause of a failed fetch', () => {
    const failed = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    expect(errorFromTransport('nlp', failed, 10)).toMatchObject({
      kind: 'unavailable',
      code: 'UPSTREAM_UNREACHABLE',
      detail: 'nlp unreachable: fetch failed: connect ECONNREFUSED 127.0.0.1:9',
      status: undefined,
    });
    expect(errorFromTransport('nlp', 'socket hang up', 10).detail).toBe('nlp unreachable: socket hang up');
  });
});

describe('invalidAnswer', () => {
  it('is an unavailable UPSTREAM_INVALID_ANSWER with the status and a bounded message', () => {
    const error = invalidAnswer('nlp', 200, 'y'.repeat(1_000));
    expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_INVALID_ANSWER', status: 200 });
    expect(error.detail).toBe(`nlp answered a body that breaks its contract: ${'y'.repeat(300)}`);
  });
});
