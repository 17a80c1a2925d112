import type { DocumentMetadata, PageFeatures, RecognizedPage } from '@mlops/contracts';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isCodedError, recognitionErrors } from '../errors.js';
import type { ExtractionContext } from '../extract/extraction.js';
import { flowFeatures } from '../layout/flow-features.js';
import { coveredRatio } from '../layout/rect-union.js';
import { layoutPage, type TextRun } from '../layout/text-lines.js';
import { countChars, countWords } from '../layout/text-stats.js';
import { ocrPageFeatures } from '../ocr/ocr-features.js';
import { imagePlacements } from './image-placements.js';
import { openPdf } from './open-pdf.js';
import { pdfMetadata } from './pdf-metadata.js';
import { loadPdfjs } from './pdfjs.js';
import { renderPage } from './render-page.js';

/** Images covering at least this share of a page make it a scan even with a text layer (an OCR'd scan). */
const SCANNED_IMAGE_RATIO = 0.9;
/** Pages with less image than this and no text are blank: nothing to OCR. */
const MIN_OCR_IMAGE_RATIO = 0.01;

/** Pages and metadata of a PDF. */
export interface PdfExtraction {
  readonly pages: RecognizedPage[];
  readonly metadata: DocumentMetadata;
}

type Pdfjs = Awaited<ReturnType<typeof loadPdfjs>>;
type TextContentItem = Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number];
type TextItem = Extract<TextContentItem, { str: string }>;

function isTextItem(item: TextContentItem): item is TextItem {
  return 'str' in item && 'transform' in item;
}

async function textRuns(pdfjs: Pdfjs, page: PDFPageProxy): Promise<TextRun[]> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  return content.items.filter(isTextItem).map((item) => {
    const [, , c = 0, d = 0, x = 0, y = 0] = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
    const fontSize = Math.hypot(c, d);
    return { text: item.str, x, y, width: item.width, height: item.height || fontSize };
  });
}

async function imageRatio(pdfjs: Pdfjs, page: PDFPageProxy): Promise<number> {
  const { OPS } = pdfjs;
  const operators = await page.getOperatorList();
  const boxes = imagePlacements(operators.fnArray, operators.argsArray, {
    save: OPS.save,
    restore: OPS.restore,
    transform: OPS.transform,
    paintFormXObjectBegin: OPS.paintFormXObjectBegin,
    paintFormXObjectEnd: OPS.paintFormXObjectEnd,
    paintImage: [
      OPS.paintImageXObject,
      OPS.paintInlineImageXObject,
      OPS.paintImageMaskXObject,
      OPS.paintImageXObjectRepeat,
      OPS.paintImageMaskXObjectRepeat,
      OPS.paintInlineImageXObjectGroup,
      OPS.paintImageMaskXObjectGroup,
    ],
  });
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  return coveredRatio(boxes, { x0, y0, x1, y1 });
}

async function ocrPage(
  page: PDFPageProxy,
  images: number,
  context: ExtractionContext,
): Promise<Pick<RecognizedPage, 'text' | 'features'>> {
  const { limits, signal } = context;
  const rendered = await renderPage(page, limits.ocrDpi, limits.maxPixels, signal);
  if (rendered.downscaled) {
    context.warnings.push({
      code: 'PAGE_RENDER_DOWNSCALED',
      message: `rendered at ${rendered.width}x${rendered.height} px, below ${limits.ocrDpi} dpi, to stay under ${limits.maxPixels} pixels`,
      page: page.pageNumber,
    });
  }
  const output = await context.ocr.recognize(rendered.png, signal);
  return { text: output.text, features: ocrPageFeatures(output, rendered.width, rendered.height, images) };
}

async function extractPage(pdfjs: Pdfjs, page: PDFPageProxy, context: ExtractionContext): Promise<RecognizedPage> {
  const layout = layoutPage(await textRuns(pdfjs, page));
  const images = await imageRatio(pdfjs, page);
  const viewport = page.getViewport({ scale: 1 });
  const base = {
    number: page.pageNumber,
    size: { width: viewport.width, height: viewport.height, unit: 'pt' as const },
  };
  const charCount = countChars(layout.text);
  if (charCount < context.limits.ocrMinChars && images >= MIN_OCR_IMAGE_RATIO) {
    return { ...base, source: 'ocr', ...(await ocrPage(page, images, context)) };
  }
  const features: PageFeatures = {
    charCount,
    wordCount: countWords(layout.text),
    lineCount: layout.lineCount,
    blockCount: layout.blockCount,
    textCoverage: Math.min(1, layout.textArea / Math.max(1, viewport.width * viewport.height)),
    imageRatio: images,
    meanOcrConfidence: null,
    scanned: images >= SCANNED_IMAGE_RATIO,
  };
  return { ...base, source: 'text-layer', text: layout.text, features };
}

function unreadable(context: ExtractionContext): number {
  return context.warnings.filter((warning) => warning.code === 'PAGE_UNREADABLE').length;
}

/** A page pdf.js cannot read becomes an empty page and a warning; limits, timeouts and aborts still stop the document. */
async function extractPageOrWarn(
  pdfjs: Pdfjs,
  document: PDFDocumentProxy,
  number: number,
  context: ExtractionContext,
): Promise<RecognizedPage> {
  let page: PDFPageProxy | undefined;
  try {
    page = await document.getPage(number);
    return await extractPage(pdfjs, page, context);
  } catch (error) {
    if (isCodedError(error) || context.signal.aborted) throw error;
    context.logger.info({ err: error, page: number }, 'PDF page unreadable');
    context.warnings.push({
      code: 'PAGE_UNREADABLE',
      message: `page ${number} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      page: number,
    });
    return { number, text: '', source: 'text-layer', size: null, features: flowFeatures('') };
  } finally {
    page?.cleanup();
  }
}

/**
 * Extracts a PDF page by page: the text layer in reading order, or OCR of the rendered page
 * when the text layer is (nearly) empty and the page shows images; layout features for each.
 */
export async function extractPdf(bytes: Uint8Array, context: ExtractionContext): Promise<PdfExtraction> {
  const { limits, signal } = context;
  const pdfjs = await loadPdfjs();
  const document = await openPdf(bytes, limits.maxPixels, signal);
  try {
    if (document.numPages > limits.maxPages) {
      throw recognitionErrors.tooManyPages(`the PDF has ${document.numPages} pages; the limit is ${limits.maxPages}`);
    }
    const { info } = await document.getMetadata();
    const pages: RecognizedPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      signal.throwIfAborted();
      pages.push(await extractPageOrWarn(pdfjs, document, number, context));
    }
    if (pages.length > 0 && unreadable(context) === pages.length) {
      throw recognitionErrors.corrupt('no page of the PDF can be read');
    }
    return { pages, metadata: pdfMetadata(info as Record<string, unknown>) };
  } finally {
    await document.destroy();
  }
}
