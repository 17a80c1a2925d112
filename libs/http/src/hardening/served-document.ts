/**
 * Media types a browser would run or render with script (markup, scripts, XML that may carry
 * XSLT or SVG): never served as themselves.
 */
const ACTIVE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/xsl',
  'application/xslt+xml',
  'application/javascript',
  'application/x-javascript',
  'text/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/pdf+html',
  'multipart/x-mixed-replace',
]);

/** Whether a media type (parameters ignored) is one a browser could execute or render with script. */
export function isActiveType(mediaType: string): boolean {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return ACTIVE_TYPES.has(essence) || essence.endsWith('+xml') || essence.includes('javascript');
}

/** The media type a stored document is served as: its own, unless active; then `application/octet-stream`. */
export function servedType(mediaType: string): string {
  return isActiveType(mediaType) || mediaType.trim() === '' ? 'application/octet-stream' : mediaType;
}

const UNSAFE_ASCII = /[^A-Za-z0-9._-]+/g;

/** A file name safe in any file system and header: letters, digits, `.`, `_`, `-`; no leading dot; `fallback` when empty. */
export function safeFilename(name: string, fallback = 'download'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNSAFE_ASCII, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '')
    .slice(-150);
  return cleaned || fallback;
}

/** `Content-Disposition: attachment` with a safe ASCII name, and the original (sanitised) name in RFC 5987 form. */
export function attachmentDisposition(name: string, fallback = 'download'): string {
  const ascii = safeFilename(name, fallback);
  const original = Array.from(name.split(/[\\/]/).pop() ?? '', (char) =>
    char === '"' || char.charCodeAt(0) <= 0x1f || char.charCodeAt(0) === 0x7f ? '' : char,
  )
    .join('')
    .slice(0, 200);
  const extended = original && original !== ascii ? `; filename*=UTF-8''${encodeURIComponent(original)}` : '';
  return `attachment; filename="${ascii}"${extended}`;
}

/** The part of a reply `asAttachment` uses (a fastify reply has it). */
export interface AttachmentReply {
  header(name: string, value: string): unknown;
  type(mediaType: string): unknown;
}

/**
 * Headers of a stored document or artifact sent to a client: always an attachment under a safe
 * name, `nosniff`, a sandboxing CSP, and an active type (HTML, SVG, XML, script) downgraded to
 * `application/octet-stream`, so that nothing a user uploaded runs in a browser on our origin.
 */
export function asAttachment<R extends AttachmentReply>(reply: R, file: { filename: string; mediaType: string }): R {
  reply.header('content-disposition', attachmentDisposition(file.filename));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  reply.type(servedType(file.mediaType));
  return reply;
}
