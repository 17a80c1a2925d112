import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts.js';

/** What a report's PDF says about itself. */
export interface DocumentMetadata {
  readonly title: string;
  readonly subject: string;
  readonly keywords?: string;
  /** The date of the report (from its input, never the clock): CreationDate and ModDate. */
  readonly date: Date;
}

/** Fixed producer and creator, so that neither the pdfkit version string nor a host name leaks in. */
export const PDF_PRODUCER = 'mlops-suite reporter';

/** A4 landscape in points. */
export const PAGE = { width: 841.89, height: 595.28 } as const;

/**
 * The fixed document info of a report. pdfkit derives the trailer `/ID` from these values only, so
 * the same metadata gives the same ID and, with embedded fonts, the same bytes.
 */
export function documentInfo(metadata: DocumentMetadata): PDFKit.DocumentInfo {
  const info: PDFKit.DocumentInfo = {
    Title: metadata.title,
    Subject: metadata.subject,
    Producer: PDF_PRODUCER,
    Creator: PDF_PRODUCER,
    CreationDate: new Date(metadata.date.getTime()),
    ModDate: new Date(metadata.date.getTime()),
  };
  if (metadata.keywords !== undefined) info.Keywords = metadata.keywords;
  return info;
}

/**
 * A new A4-landscape document with the report fonts registered, pages buffered (footers need the
 * page count) and deterministic metadata.
 */
export function createPdfDocument(metadata: DocumentMetadata): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: documentInfo(metadata),
  });
  registerFonts(doc);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finishPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
