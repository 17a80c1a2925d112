import { fileTypeFromBuffer } from 'file-type';
import { recognitionErrors } from '../errors.js';
import { decodeText, looksLikeEmail, type DecodedText } from './decode-text.js';
import { formatById, type KnownFormat } from './formats.js';

/** What the bytes of a file are; `text` is set when they were decoded as text (plain or e-mail). */
export interface SniffedType {
  readonly format: KnownFormat;
  readonly text?: DecodedText;
}

function known(id: string): KnownFormat {
  const format = formatById(id);
  if (!format) throw new Error(`format ${id} is not in KNOWN_FORMATS`);
  return format;
}

/**
 * Finds what a file is from its bytes alone (magic numbers through `file-type`, then text and
 * RFC 5322 header checks), never from its name. Throws `RECOGNITION_EMPTY` for zero bytes and
 * `RECOGNITION_UNSUPPORTED_TYPE` for anything else that is not a known format.
 */
export async function sniffType(bytes: Uint8Array): Promise<SniffedType> {
  if (bytes.length === 0) throw recognitionErrors.empty('the file has zero bytes');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const format = formatById(detected.ext);
    if (format) return { format };
    if (!detected.mime.startsWith('text/') && detected.mime !== 'application/xml') {
      throw recognitionErrors.unsupportedType(
        `the bytes are ${detected.mime} (.${detected.ext}), which is not supported`,
      );
    }
  }
  const text = decodeText(bytes);
  if (!text) throw recognitionErrors.unsupportedType('the bytes are not a known document format nor text');
  return { format: known(looksLikeEmail(text.text) ? 'eml' : 'txt'), text };
}
