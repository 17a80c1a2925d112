import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { recognitionErrors } from '../errors.js';
import { documentOptions, loadPdfjs } from './pdfjs.js';

/** How far from the end `%%EOF` may be: writers append a newline or a little padding, never kilobytes. */
const EOF_WINDOW = 2048;

function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-EOF_WINDOW);
  return tail.includes('%%EOF');
}

function openError(error: unknown): Error {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return recognitionErrors.encrypted('the PDF needs a password to open');
  return recognitionErrors.corrupt(`the PDF cannot be read: ${message}`);
}

/**
 * Opens a PDF with pdf.js. A file without its `%%EOF` end marker is refused as truncated
 * (pdf.js would silently rebuild what is left); a password-protected one as encrypted. The
 * returned document must be destroyed by the caller; aborting the signal destroys it too.
 */
export async function openPdf(bytes: Uint8Array, maxPixels: number, signal: AbortSignal): Promise<PDFDocumentProxy> {
  if (!hasEndMarker(bytes)) throw recognitionErrors.corrupt('the PDF is truncated: it has no %%EOF end marker');
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument(documentOptions(new Uint8Array(bytes), maxPixels));
  const destroy = () => void task.destroy();
  signal.addEventListener('abort', destroy, { once: true });
  try {
    const document = await task.promise;
    signal.throwIfAborted();
    return document;
  } catch (error) {
    signal.removeEventListener('abort', destroy);
    await task.destroy();
    signal.throwIfAborted();
    throw openError(error);
  }
}
