import { env, loadConfig, serviceEnvShape, serviceSection } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object({
    ...serviceEnvShape,
    PORT: env.port(4002),
    RECOGNITION_MAX_FILE_BYTES: env.positiveInt(50 * 1024 * 1024),
    RECOGNITION_MAX_PAGES: env.positiveInt(500),
    RECOGNITION_MAX_PIXELS: env.positiveInt(40_000_000),
    RECOGNITION_TIMEOUT_MS: env.positiveInt(120_000),
    RECOGNITION_MAX_UNZIPPED_BYTES: env.positiveInt(64 * 1024 * 1024),
    RECOGNITION_MAX_ZIP_ENTRIES: env.positiveInt(5000),
    RECOGNITION_OCR_WORKERS: env.positiveInt(1),
    RECOGNITION_OCR_DPI: z.coerce.number().int().min(72).max(600).default(150),
    RECOGNITION_OCR_MIN_CHARS: z.coerce.number().int().min(0).default(16),
    GOTENBERG_URL: env.url(['http', 'https']).optional(),
    RECOGNITION_SOFFICE_PATH: z.string().min(1).default('soffice'),
  })
  .transform((e) => ({
    ...serviceSection('document-recognition', e),
    recognition: {
      maxFileBytes: e.RECOGNITION_MAX_FILE_BYTES,
      maxPages: e.RECOGNITION_MAX_PAGES,
      /** Largest image (width × height) decoded or rendered; PDF pages are rendered smaller to fit. */
      maxPixels: e.RECOGNITION_MAX_PIXELS,
      timeoutMs: e.RECOGNITION_TIMEOUT_MS,
      /** Total bytes a zip container (DOCX, ODT, XLSX …) may inflate to, counted while inflating. */
      maxUnzippedBytes: e.RECOGNITION_MAX_UNZIPPED_BYTES,
      /** Entries a zip container may hold. */
      maxZipEntries: e.RECOGNITION_MAX_ZIP_ENTRIES,
      ocrWorkers: e.RECOGNITION_OCR_WORKERS,
      /** Resolution PDF pages without a text layer are rendered at for OCR. */
      ocrDpi: e.RECOGNITION_OCR_DPI,
      /** A PDF page whose text layer has fewer non-space characters than this (and some image) is OCR'd. */
      ocrMinChars: e.RECOGNITION_OCR_MIN_CHARS,
    },
    converter: {
      gotenbergUrl: e.GOTENBERG_URL,
      /** LibreOffice executable, a path or a name looked up on PATH; used when GOTENBERG_URL is unset. */
      sofficePath: e.RECOGNITION_SOFFICE_PATH,
    },
  }));

export type DocumentRecognitionConfig = z.output<typeof schema>;
export type RecognitionLimits = DocumentRecognitionConfig['recognition'];
export type ConverterConfig = DocumentRecognitionConfig['converter'];

/** Parses document-recognition's environment once into its frozen config. */
export function loadDocumentRecognitionConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<DocumentRecognitionConfig> {
  return loadConfig(schema, source);
}
