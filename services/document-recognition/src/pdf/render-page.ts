import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

/** A page rendered to PNG for OCR, and the raster's size. */
export interface RenderedPage {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** The page was rendered below the wanted resolution to stay under the pixel limit. */
  readonly downscaled: boolean;
}

/**
 * Renders a page on a white background at `dpi`, or at the highest resolution whose raster
 * stays under `maxPixels`. Aborting the signal cancels the rendering.
 */
export async function renderPage(
  page: PDFPageProxy,
  dpi: number,
  maxPixels: number,
  signal: AbortSignal,
): Promise<RenderedPage> {
  const unit = page.getViewport({ scale: 1 });
  const wanted = dpi / 72;
  const fitting = Math.sqrt(maxPixels / Math.max(1, unit.width * unit.height));
  const scale = Math.min(wanted, fitting);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  // @napi-rs/canvas stands in for a DOM canvas; pdf.js only draws through its 2D context.
  const task = page.render({ canvas: canvas as unknown as RenderParameters['canvas'], viewport });
  const cancel = () => {
    task.cancel();
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  signal.throwIfAborted();
  return { png: await canvas.encode('png'), width, height, downscaled: scale < wanted };
}
