/** Text decoded from a file's bytes, and how. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** The bytes were not valid UTF-8 and were read as Windows-1252 (a superset of ISO-8859-1). */
  readonly fallback: boolean;
}

const SAMPLE_BYTES = 64 * 1024;
/** Share of control characters (other than whitespace) above which bytes are binary, not text. */
const MAX_CONTROL_SHARE = 0.01;
/** ESC: 7-bit ISO-2022 encodings (ISO-2022-JP, common in e-mail) switch character sets with it. */
const ESCAPE = 0x1b;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function controlShare(text: string, countReplacement: boolean): number {
  let controls = 0;
  let total = 0;
  for (const char of text.slice(0, SAMPLE_BYTES)) {
    total += 1;
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== ESCAPE && !'\t\n\r\f\v'.includes(char);
    if (control || code === 0x7f || (countReplacement && code === 0xfffd)) controls += 1;
  }
  return total === 0 ? 0 : controls / total;
}

/**
 * `strict` decodes (fatal UTF-8) cannot produce U+FFFD, so one in their text was in the bytes
 * already (text damaged by an earlier conversion, common in old e-mail): it is still text.
 */
function decoded(
  text: string,
  encoding: DecodedText['encoding'],
  fallback = false,
  strict = false,
): DecodedText | undefined {
  return controlShare(text, !strict) <= MAX_CONTROL_SHARE ? { text, encoding, fallback } : undefined;
}

/**
 * Reads bytes as text when they are text: UTF-8 (with or without BOM), UTF-16 with a BOM, or
 * else Windows-1252. Returns undefined for binary data (NUL bytes or many control characters).
 */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (startsWith(bytes, [0xff, 0xfe]))
    return decoded(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff]))
    return decoded(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) return undefined;
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return decoded(new TextDecoder('utf-8', { fatal: true }).decode(body), 'utf-8', false, true);
  } catch {
    return decoded(new TextDecoder('windows-1252').decode(body), 'windows-1252', true);
  }
}

const HEADER_LINE = /^[!-9;-~]+:/;
const CONTINUATION = /^[ \t]/;
const ORIGINATOR = /^(from|sender):/i;
const MESSAGE_HEADERS = /^(to|cc|subject|date|message-id|mime-version|received|return-path|reply-to):/i;

/**
 * Whether a text is an RFC 5322 message: it opens with a header block (an mbox `From ` line
 * may precede it) that has a `From` or `Sender` and at least one other message header.
 */
export function looksLikeEmail(text: string): boolean {
  const lines = text.slice(0, SAMPLE_BYTES).split(/\r?\n/);
  if (lines[0]?.startsWith('From ')) lines.shift();
  let originator = false;
  let others = 0;
  let headers = 0;
  for (const line of lines) {
    if (line === '') break;
    if (CONTINUATION.test(line) && headers > 0) continue;
    if (!HEADER_LINE.test(line)) return false;
    headers += 1;
    if (ORIGINATOR.test(line)) originator = true;
    else if (MESSAGE_HEADERS.test(line)) others += 1;
  }
  return originator && others > 0;
}
