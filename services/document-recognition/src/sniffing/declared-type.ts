import type { RecognitionWarning } from '@mlops/contracts';
import { formatByExtension, formatByMime, type KnownFormat } from './formats.js';

/** What a client said a file is: its name and media type, both optional and never trusted. */
export interface DeclaredType {
  readonly filename: string | null;
  readonly mime: string | null;
}

/** Media types that say nothing about the content. */
const GENERIC_MIMES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/unknown']);

function extensionOf(filename: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return match?.[1];
}

/**
 * Compares the declared name and media type with the sniffed format: a warning for each that
 * names another known format (a PNG called `scan.pdf`). Unknown extensions and generic media
 * types are not mismatches.
 */
export function declaredTypeWarnings(declared: DeclaredType, sniffed: KnownFormat): RecognitionWarning[] {
  const warnings: RecognitionWarning[] = [];
  const extension = declared.filename === null ? undefined : extensionOf(declared.filename);
  const byExtension = extension === undefined ? undefined : formatByExtension(extension);
  if (byExtension && byExtension.id !== sniffed.id) {
    warnings.push({
      code: 'DECLARED_TYPE_MISMATCH',
      message: `the file name says .${extension} but the bytes are ${sniffed.mime}; processed as ${sniffed.mime}`,
    });
  }
  const mime = declared.mime?.split(';')[0]?.trim().toLowerCase();
  const byMime = mime === undefined || GENERIC_MIMES.has(mime) ? undefined : formatByMime(mime);
  if (byMime && byMime.id !== sniffed.id) {
    warnings.push({
      code: 'DECLARED_TYPE_MISMATCH',
      message: `the declared media type is ${mime} but the bytes are ${sniffed.mime}; processed as ${sniffed.mime}`,
    });
  }
  return warnings;
}
