import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { defineRoute } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  closedBaseUrl,
  localUpstreams,
  multipartParts,
  sendJson,
  sendProblem,
  type ReceivedPart,
  type UpstreamHandler,
} from '@mlops/testing';
import { failureOf, upstreamFailureOf } from '../test/outcome.js';
import type { ClientOptions } from './call-types.js';
import type { RetryPolicy } from './retry-policy.js';
import { createServiceClient } from './service-client.js';
import { ByteLimitExceededError } from './streams/byte-meter.js';

const service = 'document-recognition';
const common = { service, tags: ['documents'], scope: 'ingest', summary: 'A route', errors: [400, 413] } as const;
const receivedSchema = z.object({ size: z.number(), sha256: z.string() });
const recordSchema = z.object({ id: z.number().int(), text: z.string() });

const documentRoutes = {
  extract: defineRoute({
    ...common,
    method: 'POST',
    path: '/v1/extract',
    upload: { field: 'file', rawMediaTypes: ['application/pdf', 'image/png'], description: 'A document' },
    responses: { 200: receivedSchema },
  }),
  artifacts: {
    put: defineRoute({
      ...common,
      method: 'PUT',
      path: '/v1/artifacts/:name',
      params: z.object({ name: z.string() }),
      upload: { field: 'file', rawMediaTypes: ['application/octet-stream'], description: 'An artifact' },
      body: z.object({ copyFrom: z.string() }),
      responses: { 200: receivedSchema },
    }),
    file: defineRoute({
      ...common,
      method: 'GET',
      path: '/v1/artifacts/*',
      params: z.object({ '*': z.string() }),
      responses: {},
      stream: { kind: 'file', mediaType: 'application/octet-stream' },
    }),
  },
  documents: {
    create: defineRoute({
      ...common,
      method: 'POST',
      path: '/v1/documents',
      upload: {
        field: 'files',
        multiple: true,
        fields: { metadata: z.object({ source: z.string() }), tags: z.array(z.string()) },
        description: 'Documents',
      },
      responses: { 200: z.object({ files: z.number() }) },
    }),
    export: defineRoute({
      ...common,
      method: 'GET',
      path: '/v1/documents::export',
      responses: {},
      stream: { kind: 'jsonl', record: recordSchema },
    }),
  },
};

const FAST_RETRY: RetryPolicy = { attempts: 3, initialDelayMs: 2, maxDelayMs: 20, deadlineMs: 2_000 };
const BYTES = Buffer.from('%PDF-1.7 a small document');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Answers the size and sha256 of the body it received. */
const echoDigest: UpstreamHandler = (request, response) =>
  sendJson(response, 200, { size: request.body().length, sha256: sha256(request.body()) });

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const record of records) all.push(record);
  return all;
}

/** Resolves once the upstream's side of an answer is closed (by its end, or by the client going away). */
function closedOnServer(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => response.once('close', resolve));
}

/** Starts an answer and never ends it; hands the response over to be watched. */
function endless(
  contentType: string,
  first: string | Buffer,
  open: (response: ServerResponse) => void,
): UpstreamHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    response.write(first);
    open(response);
  };
}

/** `count` chunks of `size` bytes, produced lazily. */
function chunks(count: number, size: number): Readable {
  return Readable.from(
    (function* generate() {
      for (let index = 0; index < count; index += 1) yield Buffer.alloc(size, index % 256);
    })(),
  );
}

describe('callRoute bodies', () => {
  const upstream = localUpstreams();

  async function documents(handler: UpstreamHandler, options: Omit<ClientOptions, 'baseUrl'> = {}) {
    const { baseUrl, received } = await upstream(handler);
    return { client: createServiceClient(documentRoutes, { baseUrl, ...options }), received };
  }

  describe('raw uploads', () => {
    it("sends bytes as the body, typed by the route's first raw media type", async () => {
      const { client, received } = await documents(echoDigest);
      const answer = await client.extract({ upload: { files: { content: BYTES } } });
      expect(answer).toEqual({ size: BYTES.length, sha256: sha256(BYTES) });
      expect(received[0]?.headers['content-type']).toBe('application/pdf');
    });

    it("types the body by the file's content type, and sends a Blob", async () => {
      const { client, received } = await documents(echoDigest);
      const content = new Blob([BYTES]);
      await client.extract({ upload: { files: { content, contentType: 'image/png' } } });
      expect(received[0]?.headers['content-type']).toBe('image/png');
      expect(received[0]?.body().equals(BYTES)).toBe(true);
    });

    it('streams a Readable as the body', async () => {
      const { client, received } = await documents(echoDigest);
      const answer = await client.extract({ upload: { files: { content: chunks(8, 16_384) } } });
      expect(answer.size).toBe(8 * 16_384);
      expect(received[0]?.headers['transfer-encoding']).toBe('chunked');
    });

    it('sends a JSON body instead of a file when given one', async () => {
      const { client, received } = await documents(echoDigest);
      await client.artifacts.put({ params: { name: 'model' }, body: { copyFrom: 'other' } });
      expect(received[0]?.headers['content-type']).toBe('application/json');
      expect(received[0]?.body().toString()).toBe('{"copyFrom":"other"}');
    });
  });

  describe('maxUploadBytes', () => {
    it('fails a streamed upload past the limit with ByteLimitExceededError; the upstream never gets the end', async () => {
      const { client, received } = await documents(echoDigest);
      const call = client.extract({ upload: { files: { content: chunks(64, 16_384) } } }, { maxUploadBytes: 100_000 });
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(ByteLimitExceededError);
      expect(error).toMatchObject({ maxBytes: 100_000 });
      expect(received.every((request) => !request.complete() && request.body().length <= 100_000)).toBe(true);
    });

    it('sends a streamed upload within the limit whole', async () => {
      const { client } = await documents(echoDigest);
      const call = client.extract({ upload: { files: { content: chunks(4, 1_000) } } }, { maxUploadBytes: 4_000 });
      await expect(call).resolves.toMatchObject({ size: 4_000 });
    });

    it('fails an upload of bytes past the limit before sending it', async () => {
      const { client, received } = await documents(echoDigest);
      const raw = client.extract({ upload: { files: { content: BYTES } } }, { maxUploadBytes: 10 });
      expect(await failureOf(raw)).toBeInstanceOf(ByteLimitExceededError);
      const files = [{ content: BYTES }, { content: new Blob([BYTES]) }];
      const multipart = client.documents.create({ upload: { files } }, { maxUploadBytes: BYTES.length + 1 });
      expect(await failureOf(multipart)).toBeInstanceOf(ByteLimitExceededError);
      expect(received).toHaveLength(0);
    });
  });

  describe('retried uploads', () => {
    it('retries an idempotent upload from a stream factory, each attempt with a fresh stream', async () => {
      let seen = 0;
      const { client, received } = await documents((request, response) => {
        seen += 1;
        if (seen === 1) sendProblem(response, 503, 'BUSY');
        else echoDigest(request, response);
      });
      let opened = 0;
      const content = (): Readable => {
        opened += 1;
        return Readable.from([BYTES]);
      };
      const answer = await client.artifacts.put(
        { params: { name: 'model' }, upload: { files: { content } } },
        { retry: FAST_RETRY },
      );
      expect(answer).toEqual({ size: BYTES.length, sha256: sha256(BYTES) });
      expect(opened).toBe(2);
      expect(received.map((request) => request.body().length)).toEqual([BYTES.length, BYTES.length]);
    });

    it('destroys the stream of every failed attempt, the last one included', async () => {
      const { client } = await documents((_request, response) => sendProblem(response, 503, 'BUSY'));
      const opened: Readable[] = [];
      const content = (): Readable => {
        const stream = chunks(8, 1_000);
        opened.push(stream);
        return stream;
      };
      const call = client.artifacts.put(
        { params: { name: 'model' }, upload: { files: { content } } },
        { retry: FAST_RETRY },
      );
      expect(await failureOf(call)).toMatchObject({ kind: 'unavailable' });
      expect(opened).toHaveLength(3);
      expect(opened.every((stream) => stream.destroyed)).toBe(true);
    });

    it('destroys a plain stream when its upload goes past the limit or finds no one listening', async () => {
      const { client } = await documents(echoDigest);
      const tooLarge = chunks(64, 16_384);
      await failureOf(client.extract({ upload: { files: { content: tooLarge } } }, { maxUploadBytes: 100_000 }));
      expect(tooLarge.destroyed).toBe(true);
      const unreachable = createServiceClient(documentRoutes, { baseUrl: await closedBaseUrl() });
      const stranded = chunks(2, 10);
      expect(await failureOf(unreachable.extract({ upload: { files: { content: stranded } } }))).toMatchObject({
        code: 'UPSTREAM_UNREACHABLE',
      });
      expect(stranded.destroyed).toBe(true);
    });

    it('does not retry an upload from a plain stream, which cannot be read twice', async () => {
      const { client, received } = await documents((_request, response) => sendProblem(response, 503, 'BUSY'));
      const upload = { files: { content: Readable.from([BYTES]) } };
      const error = await failureOf(client.artifacts.put({ params: { name: 'model' }, upload }, { retry: FAST_RETRY }));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'BUSY' });
      expect(received).toHaveLength(1);
    });
  });

  describe('multipart uploads', () => {
    it("sends the JSON fields, then every file in the route's part, with names, types and bytes", async () => {
      let parts: ReceivedPart[] = [];
      const { client, received } = await documents((request, response) => {
        parts = multipartParts(request);
        sendJson(response, 200, { files: parts.filter(({ filename }) => filename).length });
      });
      const other = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
      const answer = await client.documents.create({
        upload: {
          fields: { metadata: { source: 'scanner' }, tags: ['a', 'b'] },
          files: [
            { content: BYTES, filename: 'contract.pdf', contentType: 'application/pdf' },
            { content: new Blob([other], { type: 'image/png' }), filename: 'page.png' },
            { content: Buffer.from('no name') },
          ],
        },
      });
      expect(answer).toEqual({ files: 3 });
      expect(received[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      const asText = parts.map((part) => ({ ...part, bytes: part.bytes.toString('latin1') }));
      expect(asText).toEqual([
        { name: 'metadata', filename: undefined, contentType: undefined, bytes: '{"source":"scanner"}' },
        { name: 'tags', filename: undefined, contentType: undefined, bytes: '["a","b"]' },
        { name: 'files', filename: 'contract.pdf', contentType: 'application/pdf', bytes: BYTES.toString('latin1') },
        { name: 'files', filename: 'page.png', contentType: 'image/png', bytes: other.toString('latin1') },
        { name: 'files', filename: 'upload', contentType: 'application/octet-stream', bytes: 'no name' },
      ]);
    });

    it('sends one file as multipart when asked, on a route that takes raw bodies', async () => {
      const { client, received } = await documents(echoDigest);
      await client.extract({ upload: { files: { content: BYTES, filename: 'a.pdf' }, encoding: 'multipart' } });
      expect(received[0]?.headers['content-type']).toMatch(/^multipart\/form-data/);
      expect(received[0]?.body().toString()).toContain('name="file"; filename="a.pdf"');
    });

    it('refuses a stream as a multipart file', async () => {
      const { client, received } = await documents(echoDigest);
      const files = [{ content: Readable.from([BYTES]) }, { content: BYTES }];
      await expect(client.documents.create({ upload: { files } })).rejects.toThrow(
        'POST /v1/documents: a multipart file must be bytes or a Blob (fs.openAsBlob)',
      );
      expect(received).toHaveLength(0);
    });
  });

  describe('file answers', () => {
    const artifact = Buffer.alloc(50_000, 7);

    function serveArtifact(chunked: boolean): UpstreamHandler {
      return (_request, response) => {
        response.writeHead(200, {
          'content-type': 'application/x-onnx',
          'x-sha256': sha256(artifact),
          ...(chunked ? {} : { 'content-length': String(artifact.length) }),
        });
        response.end(artifact);
      };
    }

    it('hands over the body as a stream, with the status, headers, content type and size', async () => {
      const { client, received } = await documents(serveArtifact(false));
      const answer = await client.artifacts.file({ params: { '*': 'model/weights v1.onnx' } });
      expect(answer).toMatchObject({ status: 200, contentType: 'application/x-onnx', size: artifact.length });
      expect(answer.headers.get('x-sha256')).toBe(sha256(artifact));
      expect((await buffer(answer.body)).equals(artifact)).toBe(true);
      expect(received[0]?.url).toBe('/v1/artifacts/model/weights%20v1.onnx');
    });

    it('has no size without a content-length', async () => {
      const { client } = await documents(serveArtifact(true));
      const answer = await client.artifacts.file({ params: { '*': 'a' } }, { maxResponseBytes: artifact.length });
      expect(answer.size).toBeUndefined();
      expect((await buffer(answer.body)).length).toBe(artifact.length);
    });

    it('cuts a body past maxResponseBytes with an UPSTREAM_TOO_LARGE', async () => {
      const { client } = await documents(serveArtifact(true));
      const answer = await client.artifacts.file({ params: { '*': 'a' } }, { maxResponseBytes: 10_000 });
      const error = await upstreamFailureOf(buffer(answer.body));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_TOO_LARGE', status: 200 });
    });

    it('releases the connection when the body is cut, or dropped by its reader', async () => {
      const open: Promise<void>[] = [];
      const { client } = await documents(
        endless('application/octet-stream', artifact, (response) => open.push(closedOnServer(response))),
      );
      const cut = await client.artifacts.file({ params: { '*': 'a' } }, { maxResponseBytes: 10_000 });
      expect(await failureOf(buffer(cut.body))).toMatchObject({ code: 'UPSTREAM_TOO_LARGE' });
      const dropped = await client.artifacts.file({ params: { '*': 'b' } });
      dropped.body.destroy();
      await expect(Promise.all(open)).resolves.toHaveLength(2);
    });

    it('times out a body that stalls, as an UpstreamError', async () => {
      const { client } = await documents(
        endless('application/octet-stream', artifact.subarray(0, 100), () => undefined),
      );
      const answer = await client.artifacts.file({ params: { '*': 'a' } }, { timeoutMs: 150 });
      const error = await upstreamFailureOf(buffer(answer.body));
      expect(error).toMatchObject({
        kind: 'timeout',
        code: 'UPSTREAM_TIMEOUT',
        detail: 'document-recognition did not answer within 150 ms',
      });
    });

    it('keeps a failure that comes before anyone reads the body for its reader, not the process', async () => {
      const { client } = await documents(
        endless('application/octet-stream', artifact.subarray(0, 100), () => undefined),
      );
      const answer = await client.artifacts.file({ params: { '*': 'a' } }, { timeoutMs: 100 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answer.body.errored).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      expect(await upstreamFailureOf(buffer(answer.body))).toMatchObject({ kind: 'timeout' });
    });

    it("stops a body read with the caller's reason when the caller aborts", async () => {
      const { client } = await documents(endless('application/octet-stream', artifact, () => undefined));
      const controller = new AbortController();
      const answer = await client.artifacts.file({ params: { '*': 'a' } }, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('enough')), 50);
      expect(await failureOf(buffer(answer.body))).toEqual(new Error('enough'));
    });

    it('reports a refusal before any body', async () => {
      const { client } = await documents((_request, response) => sendProblem(response, 413, 'TOO_BIG'));
      const error = await failureOf(client.artifacts.file({ params: { '*': 'a' } }));
      expect(error).toMatchObject({ kind: 'refused', code: 'TOO_BIG', status: 413 });
    });
  });

  describe('JSON Lines answers', () => {
    function serveLines(lines: readonly string[]): UpstreamHandler {
      return (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/x-ndjson', 'x-total': String(lines.length) });
        for (const line of lines) response.write(`${line}\n`);
        response.end();
      };
    }

    it('checks the records one by one as they are read, skipping blank lines', async () => {
      const lines = ['{"id":1,"text":"a"}', '', '  ', '{"id":2,"text":"b"}'];
      const { client } = await documents(serveLines(lines));
      const answer = await client.documents.export();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-total')).toBe('4');
      expect(await collect(answer.records)).toEqual([
        { id: 1, text: 'a' },
        { id: 2, text: 'b' },
      ]);
    });

    it('yields the records before a bad line, then fails naming that line', async () => {
      const { client } = await documents(serveLines(['{"id":1,"text":"a"}', '', '{"id":"three","text":"c"}']));
      const seen: unknown[] = [];
      const error = await upstreamFailureOf(
        (async () => {
          for await (const record of (await client.documents.export()).records) seen.push(record);
        })(),
      );
      expect(seen).toEqual([{ id: 1, text: 'a' }]);
      expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_INVALID_ANSWER', status: 200 });
      expect(error.detail).toContain('line 3:');
    });

    it('fails on a line that is not JSON, even without validation', async () => {
      const { client } = await documents(serveLines(['{"id":1,"text":"a"}', '{"id":']));
      const answer = await client.documents.export(undefined, { validateResponse: false });
      const error = await upstreamFailureOf(collect(answer.records));
      expect(error).toMatchObject({ code: 'UPSTREAM_INVALID_ANSWER' });
      expect(error.detail).toContain('line 2 is not JSON');
    });

    it('passes records unchecked when validation is off', async () => {
      const { client } = await documents(serveLines(['{"id":"x"}']));
      const answer = await client.documents.export(undefined, { validateResponse: false });
      expect(await collect(answer.records)).toEqual([{ id: 'x' }]);
    });

    it('releases the connection after a bad line, or when its reader stops early', async () => {
      const open: Promise<void>[] = [];
      const { client } = await documents(
        endless('application/x-ndjson', '{"id":1,"text":"a"}\n{"id":\n', (response) =>
          open.push(closedOnServer(response)),
        ),
      );
      expect(await failureOf(collect((await client.documents.export()).records))).toMatchObject({
        code: 'UPSTREAM_INVALID_ANSWER',
      });
      for await (const record of (await client.documents.export()).records) {
        expect(record).toEqual({ id: 1, text: 'a' });
        break;
      }
      await expect(Promise.all(open)).resolves.toHaveLength(2);
    });

    it('times out a stream that stalls', async () => {
      const { client } = await documents(endless('application/x-ndjson', '{"id":1,"text":"a"}\n', () => undefined));
      const answer = await client.documents.export(undefined, { timeoutMs: 150 });
      const error = await failureOf(collect(answer.records));
      expect(error).toMatchObject({ kind: 'timeout', detail: 'document-recognition did not answer within 150 ms' });
    });

    it("stops a stream with the caller's reason when the caller aborts", async () => {
      const { client } = await documents(endless('application/x-ndjson', '{"id":1,"text":"a"}\n', () => undefined));
      const controller = new AbortController();
      const answer = await client.documents.export(undefined, { signal: controller.signal });
      setTimeout(() => controller.abort('enough'), 50);
      expect(await failureOf(collect(answer.records))).toBe('enough');
    });
  });
});
