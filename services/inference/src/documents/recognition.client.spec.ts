import { Readable } from 'node:stream';
import { ByteLimitExceededError, UpstreamError } from '@mlops/clients';
import { closedBaseUrl, localUpstreams, sendProblem } from '@mlops/testing';
import { describe, expect, it } from 'vitest';
import {
  createRecognitionClient,
  extractText,
  recognitionFailureOf,
  type RecognitionClient,
  type RecognitionFailure,
} from './recognition.client.js';

const upstream = localUpstreams();

const MAX_BYTES = 1024;

function recognitionClient(baseUrl: string, timeoutMs: number): RecognitionClient {
  return createRecognitionClient({ baseUrl, timeoutMs });
}

async function failureOf(client: RecognitionClient): Promise<RecognitionFailure> {
  const content = Readable.from([Buffer.from('hello')]);
  const error: unknown = await extractText(client, content, { filename: 'a.txt', maxBytes: MAX_BYTES }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return recognitionFailureOf(error as UpstreamError);
}

function expectUnavailable(failure: RecognitionFailure, detailPart: string): void {
  expect(failure.kind).toBe('unavailable');
  expect(failure.detail).toContain(detailPart);
}

describe('extractText through the recognition client', () => {
  it('streams the bytes as a raw body named by ?filename= and returns the validated result', async () => {
    let seen: { url: string | undefined; type: string | undefined; body: string } | undefined;
    const { baseUrl } = await upstream((request, response) => {
      seen = { url: request.url, type: request.headers['content-type'], body: request.body().toString() };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ not: 'a result' }));
    });
    const failure = await failureOf(recognitionClient(baseUrl, 5000));
    expect(seen).toEqual({ url: '/v1/extract?filename=a.txt', type: 'application/octet-stream', body: 'hello' });
    expectUnavailable(failure, 'a body that breaks its contract');
  });

  it('reads a 4xx problem as a refusal with its status, code and detail', async () => {
    const { baseUrl } = await upstream((_request, response) =>
      sendProblem(response, 415, 'RECOGNITION_UNSUPPORTED_TYPE', { detail: 'not a known type' }),
    );
    expect(await failureOf(recognitionClient(baseUrl, 5000))).toEqual({
      kind: 'refused',
      status: 415,
      code: 'RECOGNITION_UNSUPPORTED_TYPE',
      detail: 'not a known type',
    });
  });

  it('reads a 5xx or a non-JSON error as unavailable, and its own timeout problem as a timeout', async () => {
    const { baseUrl: failing } = await upstream((_request, response) =>
      sendProblem(response, 502, 'RECOGNITION_CONVERTER_FAILED', { detail: 'x' }),
    );
    expectUnavailable(await failureOf(recognitionClient(failing, 5000)), '502 RECOGNITION_CONVERTER_FAILED');
    const { baseUrl: plain } = await upstream((_request, response) => {
      response.writeHead(503);
      response.end('overloaded');
    });
    expectUnavailable(await failureOf(recognitionClient(plain, 5000)), 'RECOGNITION_HTTP_503: overloaded');
    const { baseUrl: slow } = await upstream((_request, response) =>
      sendProblem(response, 422, 'RECOGNITION_TIMEOUT', { detail: 'took too long' }),
    );
    expect(await failureOf(recognitionClient(slow, 5000))).toEqual({
      kind: 'timeout',
      detail: 'took too long',
    });
  });

  it('reports a server that does not answer within the timeout as a timeout', async () => {
    const { baseUrl: silent } = await upstream(() => undefined);
    expect(await failureOf(recognitionClient(silent, 100))).toEqual({
      kind: 'timeout',
      detail: 'document-recognition did not answer within 100 ms',
    });
  });

  it('reports a refused connection as unavailable and destroys the content', async () => {
    const closed = await closedBaseUrl();
    const content = Readable.from([Buffer.from('hello')]);
    const error: unknown = await extractText(recognitionClient(closed, 5000), content, {
      filename: null,
      maxBytes: MAX_BYTES,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expectUnavailable(recognitionFailureOf(error as UpstreamError), 'document-recognition unreachable');
    expect(content.destroyed).toBe(true);
  });

  it('cuts an upload past maxBytes with ByteLimitExceededError and destroys the content', async () => {
    const { baseUrl } = await upstream((_request, response) =>
      sendProblem(response, 400, 'NEVER', { detail: 'read whole' }),
    );
    const content = Readable.from([Buffer.from('abc'), Buffer.from('def')]);
    const error: unknown = await extractText(recognitionClient(baseUrl, 5000), content, {
      filename: null,
      maxBytes: 5,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ByteLimitExceededError);
    expect(content.destroyed).toBe(true);
  });
});
