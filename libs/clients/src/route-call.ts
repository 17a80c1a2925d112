import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { isIdempotent, type RouteDescriptor } from '@mlops/contracts';
import type { z } from 'zod';
import type {
  CallInput,
  CallOptions,
  CallResult,
  ClientOptions,
  FileAnswer,
  JsonLinesAnswer,
  Upload,
  UploadFile,
} from './call-types.js';
import { NOT_JSON, parseJsonText } from './json-text.js';
import { NO_RETRY, withRetries } from './retry-policy.js';
import { queryString, fillPath } from './route-url.js';
import { ByteLimitExceededError, ByteMeter } from './streams/byte-meter.js';
import { errorFromAnswer, errorFromTransport, invalidAnswer, UpstreamError } from './upstream-error.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/** The parts of a call, before it is encoded. */
export interface RouteCallInput {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
  readonly upload?: Upload;
}

interface EncodedBody {
  readonly body: RequestInit['body'];
  readonly contentType: string | undefined;
  /** The stream an upload is read from, destroyed when the attempt fails. */
  readonly stream?: Readable;
  readonly meter?: ByteMeter;
}

function filesOf(upload: Upload): readonly UploadFile[] {
  return Array.isArray(upload.files) ? (upload.files as readonly UploadFile[]) : [upload.files as UploadFile];
}

function isStreamContent(content: UploadFile['content']): content is Readable | (() => Readable) {
  return typeof content === 'function' || content instanceof Readable;
}

function rawBody(route: RouteDescriptor, file: UploadFile, options: CallOptions): EncodedBody {
  const contentType = file.contentType ?? route.upload?.rawMediaTypes?.[0] ?? 'application/octet-stream';
  const { content } = file;
  if (!isStreamContent(content)) return { body: content as Uint8Array<ArrayBuffer> | Blob, contentType };
  const stream = typeof content === 'function' ? content() : content;
  const meter = options.maxUploadBytes === undefined ? undefined : new ByteMeter({ maxBytes: options.maxUploadBytes });
  const source = meter ? stream.pipe(meter) : stream;
  if (meter) stream.on('error', (error) => meter.destroy(error));
  return { body: Readable.toWeb(source) as ReadableStream, contentType, stream, ...(meter ? { meter } : {}) };
}

function multipartBody(route: RouteDescriptor, upload: Upload): EncodedBody {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, JSON.stringify(value));
  const field = route.upload?.field ?? 'file';
  for (const file of filesOf(upload)) {
    if (isStreamContent(file.content)) {
      throw new TypeError(`${route.method} ${route.path}: a multipart file must be bytes or a Blob (fs.openAsBlob)`);
    }
    const blob =
      file.content instanceof Blob
        ? file.content
        : new Blob([file.content], file.contentType ? { type: file.contentType } : {});
    form.append(field, blob, file.filename ?? 'upload');
  }
  return { body: form, contentType: undefined };
}

/** Fails an upload of bytes or Blobs over the limit before anything is sent (streams are cut as they go). */
function checkKnownSize(files: readonly UploadFile[], maxBytes: number | undefined): void {
  if (maxBytes === undefined) return;
  const known = files.reduce((sum, { content }) => {
    if (content instanceof Blob) return sum + content.size;
    return isStreamContent(content) ? sum : sum + content.byteLength;
  }, 0);
  if (known > maxBytes) throw new ByteLimitExceededError(maxBytes);
}

function encodeBody(route: RouteDescriptor, input: RouteCallInput, options: CallOptions): EncodedBody {
  if (input.upload) {
    const files = filesOf(input.upload);
    checkKnownSize(files, options.maxUploadBytes);
    const raw =
      input.upload.encoding === 'raw' ||
      (input.upload.encoding === undefined &&
        (route.upload?.rawMediaTypes?.length ?? 0) > 0 &&
        files.length === 1 &&
        !input.upload.fields);
    const [first] = files;
    if (raw && first && files.length === 1) return rawBody(route, first, options);
    return multipartBody(route, input.upload);
  }
  if (input.body === undefined) return { body: undefined, contentType: undefined };
  return { body: JSON.stringify(input.body), contentType: 'application/json' };
}

/** Reads a body as text, at most `maxBytes` (an `unavailable` beyond). */
async function readText(service: string, response: Response, maxBytes: number | undefined): Promise<string> {
  if (maxBytes === undefined || !response.body) return response.text();
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw tooLarge(service, response.status, maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(service, response.status, maxBytes);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The first `maxBytes` of a body as text, the rest left unread: enough to read a problem. */
async function readHead(response: Response, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk));
    size += chunk.length;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

function tooLarge(service: string, status: number, maxBytes: number): UpstreamError {
  return new UpstreamError(
    'unavailable',
    service,
    'UPSTREAM_TOO_LARGE',
    `the answer exceeds ${maxBytes} bytes`,
    status,
  );
}

function checked(
  service: string,
  status: number,
  schema: z.ZodType | undefined,
  value: unknown,
  validate: boolean,
): unknown {
  if (value === NOT_JSON) throw invalidAnswer(service, status, 'not JSON');
  if (!validate || !schema) return value;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidAnswer(service, status, parsed.error.message);
  return parsed.data;
}

/** What a failed attempt throws: the caller's own reason when the caller aborted, else an UpstreamError. */
function failure(service: string, error: unknown, signal: AbortSignal | undefined, timeoutMs: number): unknown {
  if (signal?.aborted) return signal.reason;
  return errorFromTransport(service, error, timeoutMs);
}

function fileAnswer(service: string, response: Response, options: CallOptions, timeoutMs: number): FileAnswer {
  const declared = response.headers.get('content-length');
  const size = declared === null ? undefined : Number(declared);
  const source = response.body ? Readable.fromWeb(response.body as never) : Readable.from([]);
  const body = new ByteMeter({
    maxBytes: options.maxResponseBytes,
    tooLarge: (max) => tooLarge(service, response.status, max),
  });
  source.on('error', (error) => body.destroy(failure(service, error, options.signal, timeoutMs) as Error));
  body.once('close', () => source.destroy());
  // An error before anyone reads stays on the stream (`errored`) for the reader, not uncaught.
  body.on('error', () => undefined);
  source.pipe(body);
  return {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get('content-type') ?? undefined,
    size,
    body,
  };
}

async function* jsonLines(
  service: string,
  response: Response,
  record: z.ZodType,
  validate: boolean,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): AsyncGenerator {
  if (!response.body) return;
  const input = Readable.fromWeb(response.body as never);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const value = parseJsonText(line);
      if (value === NOT_JSON) throw invalidAnswer(service, response.status, `line ${lineNumber} is not JSON`);
      if (!validate) {
        yield value;
        continue;
      }
      const parsed = record.safeParse(value);
      if (!parsed.success) throw invalidAnswer(service, response.status, `line ${lineNumber}: ${parsed.error.message}`);
      yield parsed.data;
    }
  } catch (error) {
    throw failure(service, error, signal, timeoutMs);
  } finally {
    input.destroy();
  }
}

/** Sends one attempt of a call and reads its answer by the route's contract. */
async function attemptCall(
  route: RouteDescriptor,
  input: RouteCallInput,
  client: ClientOptions,
  options: CallOptions,
): Promise<unknown> {
  const { service } = route;
  const timeoutMs = options.timeoutMs ?? client.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
    : AbortSignal.timeout(timeoutMs);
  const url = `${client.baseUrl}${fillPath(route.path, input.params ?? {})}${queryString(input.query)}`;
  const encoded = encodeBody(route, input, options);
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json, */*',
    ...options.headers,
  };
  if (encoded.contentType) headers['content-type'] = encoded.contentType;
  if (client.apiKey) headers.authorization = `Bearer ${client.apiKey}`;
  if (client.userAgent) headers['user-agent'] = client.userAgent;
  const requestId = options.requestId ?? client.requestId?.();
  if (requestId) headers['x-request-id'] = requestId;
  const validate = options.validateResponse ?? client.validateResponses ?? true;

  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers,
      body: encoded.body ?? null,
      signal,
      ...(encoded.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });
  } catch (error) {
    encoded.stream?.destroy();
    if (encoded.meter?.exceeded && !options.signal?.aborted) {
      throw new ByteLimitExceededError(options.maxUploadBytes ?? 0);
    }
    throw failure(service, error, options.signal, timeoutMs);
  }
  try {
    if (!response.ok) {
      throw errorFromAnswer(service, response.status, await readHead(response, 64 * 1024), route.timeoutCodes);
    }
    if (route.stream?.kind === 'file') return fileAnswer(service, response, options, timeoutMs);
    if (route.stream?.kind === 'jsonl') {
      const answer: JsonLinesAnswer<unknown> = {
        status: response.status,
        headers: response.headers,
        records: jsonLines(service, response, route.stream.record, validate, options.signal, timeoutMs),
      };
      return answer;
    }
    const schema = (route.responses as Record<number, z.ZodType | undefined>)[response.status];
    if (!schema && validate) {
      await response.body?.cancel();
      throw invalidAnswer(service, response.status, `status ${response.status} is not one the route answers`);
    }
    const text = await readText(service, response, options.maxResponseBytes);
    if (response.status === 204) return undefined;
    return checked(service, response.status, schema, text === '' ? undefined : parseJsonText(text), validate);
  } catch (error) {
    encoded.stream?.destroy();
    throw failure(service, error, options.signal, timeoutMs);
  }
}

/**
 * Calls a route by its descriptor: builds the URL from its path template, sends the body (JSON,
 * a raw stream, or multipart), adds the key, the request id and the caller's headers, and reads
 * the answer by the contract (JSON checked by its schema, JSON Lines record by record, or a file
 * stream). Every failure is an UpstreamError; retries follow `options.retry`, for idempotent
 * routes whose body can be sent again.
 */
export async function sendCall(
  route: RouteDescriptor,
  input: RouteCallInput,
  client: ClientOptions,
  options: CallOptions = {},
): Promise<unknown> {
  const streamed = input.upload !== undefined && filesOf(input.upload).some((file) => file.content instanceof Readable);
  return withRetries(options.retry ?? NO_RETRY, isIdempotent(route) && !streamed, () =>
    attemptCall(route, input, client, options),
  );
}

/**
 * `sendCall` typed by the route: the input is the descriptor's params, query and body (or
 * upload), the answer its JSON answer, JSON Lines records or file. For a single route called
 * outside a service client (a third-party route described in a service's own code).
 */
export async function callRoute<R extends RouteDescriptor>(
  route: R,
  input: CallInput<R>,
  client: ClientOptions,
  options: CallOptions = {},
): Promise<CallResult<R>> {
  return (await sendCall(route, input as RouteCallInput, client, options)) as CallResult<R>;
}
