import type { ReceivedRequest } from './local-upstream.js';

/** One part of a multipart/form-data body. */
export interface ReceivedPart {
  readonly name: string | undefined;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly bytes: Buffer;
}

/** Splits a multipart/form-data body (RFC 7578) a local upstream received into its parts, bytes intact. */
export function multipartParts(request: ReceivedRequest): ReceivedPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(request.headers['content-type'] ?? '');
  const delimiter = Buffer.from(`\r\n--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  const body = Buffer.concat([Buffer.from('\r\n'), request.body()]);
  const parts: ReceivedPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(head)?.[1],
      filename: /filename="([^"]*)"/.exec(head)?.[1],
      contentType: /content-type: *([^\r\n]+)/i.exec(head)?.[1],
      bytes: part.subarray(headerEnd + 4),
    });
    start = next;
  }
  return parts;
}
