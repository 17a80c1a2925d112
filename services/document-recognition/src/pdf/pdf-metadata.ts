import type { DocumentMetadata } from '@mlops/contracts';
import { parsePdfDate } from './pdf-date.js';

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\0/g, '').trim();
  return trimmed === '' ? null : trimmed;
}

/** Maps the PDF document information dictionary (as pdf.js returns it) to document metadata. */
export function pdfMetadata(info: Readonly<Record<string, unknown>>): DocumentMetadata {
  return {
    title: text(info.Title),
    author: text(info.Author),
    subject: text(info.Subject),
    keywords: text(info.Keywords),
    creator: text(info.Creator),
    producer: text(info.Producer),
    language: text(info.Language),
    createdAt: parsePdfDate(info.CreationDate),
    modifiedAt: parsePdfDate(info.ModDate),
  };
}
