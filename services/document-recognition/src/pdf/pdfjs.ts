import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type Pdfjs = typeof PdfjsModule;
type DocumentInitParameters = Exclude<Parameters<Pdfjs['getDocument']>[0], string | URL | ArrayBuffer | undefined>;

let loading: Promise<Pdfjs> | undefined;

/** pdf.js, legacy build (the one meant for Node), loaded once on first use. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
}

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * Options for every document: data files from the installed package (standard fonts, CMaps,
 * WASM image decoders) so nothing is fetched, no `eval`, and images above the pixel limit
 * skipped instead of decoded.
 */
export function documentOptions(data: Uint8Array, maxPixels: number): DocumentInitParameters {
  return {
    data,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    wasmUrl: `${join(root, 'wasm')}/`,
    isEvalSupported: false,
    useSystemFonts: false,
    maxImageSize: maxPixels,
    verbosity: 0,
  };
}
