import type { Readable } from 'node:stream';
import { asAttachment } from '@mlops/http';
import { reporterErrors } from '../errors.js';
import {
  contentRange,
  entityTag,
  matchesIfNoneMatch,
  parseRange,
  rangeAllowed,
  type RangeRequest,
} from './byte-range.js';

/** The part of a fastify reply a file answer uses. */
export interface FileReply {
  code(status: number): unknown;
  header(name: string, value: string | number): unknown;
  type(mediaType: string): unknown;
  send(payload?: unknown): unknown;
}

/** The request headers a file answer reads. */
export interface FileRequestHeaders {
  readonly range?: string | undefined;
  readonly 'if-none-match'?: string | undefined;
  readonly 'if-range'?: string | undefined;
}

/** A stored file to send: its digest and size, how to read (part of) it, and what to call it. */
export interface FileToSend {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly filename: string;
  readonly open: (range?: { start: number; end: number }) => Readable;
}

/**
 * Answers a file download: `ETag` = the quoted sha256 (`If-None-Match` → 304), `Accept-Ranges:
 * bytes`, a single byte `Range` → 206 with `Content-Range` (unless `If-Range` names another
 * version), an unsatisfiable one → 416 problem+json with `Content-Range: bytes *\/size`, else the
 * whole file; always as an attachment under a safe file name. Returns the reply, sent.
 */
export function sendFile<R extends FileReply>(reply: R, headers: FileRequestHeaders, file: FileToSend): R {
  const etag = entityTag(file.sha256);
  reply.header('etag', etag);
  reply.header('accept-ranges', 'bytes');
  reply.header('cache-control', 'private, no-cache');
  if (matchesIfNoneMatch(headers['if-none-match'], etag)) {
    reply.code(304);
    reply.send();
    return reply;
  }
  const request: RangeRequest = rangeAllowed(headers['if-range'], etag)
    ? parseRange(headers.range, file.size)
    : { kind: 'none' };
  if (request.kind === 'unsatisfiable') {
    reply.header('content-range', contentRange(undefined, file.size));
    throw reporterErrors.rangeNotSatisfiable(
      `the file has ${file.size} bytes; the range ${headers.range ?? ''} holds none of them`,
    );
  }
  asAttachment(reply, file);
  if (request.kind === 'range') {
    const { range } = request;
    reply.code(206);
    reply.header('content-range', contentRange(range, file.size));
    reply.header('content-length', range.end - range.start + 1);
    reply.send(file.open(range));
    return reply;
  }
  reply.header('content-length', file.size);
  reply.send(file.open());
  return reply;
}
