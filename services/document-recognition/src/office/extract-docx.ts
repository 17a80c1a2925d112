import mammoth from 'mammoth';
import { recognitionErrors } from '../errors.js';
import type { Extraction } from '../extract/extraction.js';
import { flowFeatures } from '../layout/flow-features.js';
import { trimLineEnds } from '../layout/trim-line-ends.js';
import { docxProperties } from './docx-properties.js';
import { assertZipWithinLimits, type ZipLimits } from './zip-limits.js';

/** Normalises mammoth's raw text: paragraphs separated by one blank line, no trailing spaces. */
function paragraphs(raw: string): string {
  return raw
    .split(/\n{2,}/)
    .map((paragraph) => trimLineEnds(paragraph).trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/**
 * Extracts a DOCX with mammoth: the paragraphs' raw text as one page, and the core properties.
 * The container is first checked to expand within `limits` (a zip bomb never reaches mammoth).
 */
export async function extractDocx(bytes: Buffer, limits: ZipLimits): Promise<Extraction> {
  await assertZipWithinLimits(bytes, limits);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    throw recognitionErrors.corrupt(
      `the DOCX cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = paragraphs(raw);
  return {
    method: 'docx',
    pages: [{ number: 1, text, source: 'native', size: null, features: flowFeatures(text) }],
    metadata: docxProperties(bytes),
    email: null,
  };
}
