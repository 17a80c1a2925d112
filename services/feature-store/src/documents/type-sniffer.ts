import { fileTypeFromBuffer } from 'file-type';

/** How many leading bytes are kept to recognise a file's type (zip-based office files need more than the magic number). */
export const SNIFF_BYTES = 64 * 1024;

const EMAIL_HEADER = /^(Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To):[ \t]/im;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // A multi-byte character cut at the end of the sample is not an error: decode in streaming mode.
    utf8.decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Recognises a file's media type from its first bytes, never from the client's name or header. */
export async function sniffMediaType(head: Buffer): Promise<string> {
  if (head.length === 0) return 'application/x-empty';
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (!looksLikeText(head)) return 'application/octet-stream';
  const start = head.subarray(0, 4096).toString('utf8');
  return EMAIL_HEADER.test(start) && /\r?\n\r?\n/.test(start) ? 'message/rfc822' : 'text/plain';
}
