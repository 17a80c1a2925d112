import { availableParallelism } from 'node:os';
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
    RECOGNITION_WORKERS: env.positiveInt(availableParallelism()),
    RECOGNITION_QUEUE_LIMIT: z.coerce.number().int().min(0).default(8),
    RECOGNITION_WORKER_MEMORY_MB: env.positiveInt(1024),
    RECOGNITION_RETRY_AFTER_SECONDS: env.positiveInt(5),
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
    workers: {
      /** Worker threads files are extracted on (default: the CPU count). */
      size: e.RECOGNITION_WORKERS,
      /** Uploads admitted to wait for a worker; more are answered 503 with Retry-After before their body is read. */
      queueLimit: e.RECOGNITION_QUEUE_LIMIT,
      /** Heap of each worker; a file needing more is answered 422 RECOGNITION_MEMORY_LIMIT. */
      memoryLimitMb: e.RECOGNITION_WORKER_MEMORY_MB,
      /** Retry-After of a 503 when every worker and queue place is taken. */
      retryAfterSeconds: e.RECOGNITION_RETRY_AFTER_SECONDS,
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
export type ExtractionWorkersConfig = DocumentRecognitionConfig['workers'];

/** Parses document-recognition's environment once into its frozen config. */
export function loadDocumentRecognitionConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<DocumentRecognitionConfig> {
  return loadConfig(schema, source);
}
