import { describe, expect, it } from 'vitest';
import { loadDocumentRecognitionConfig } from './config.js';

describe('loadDocumentRecognitionConfig', () => {
  it('has the documented defaults', () => {
    const config = loadDocumentRecognitionConfig({});
    expect(config.http.port).toBe(4002);
    expect(config.recognition).toEqual({
      maxFileBytes: 52_428_800,
      maxPages: 500,
      maxPixels: 40_000_000,
      timeoutMs: 120_000,
      maxUnzippedBytes: 67_108_864,
      maxZipEntries: 5000,
      ocrWorkers: 1,
      ocrDpi: 150,
      ocrMinChars: 16,
    });
    expect(config.converter).toEqual({ gotenbergUrl: undefined, sofficePath: 'soffice' });
  });

  it('names the variables that are wrong', () => {
    const load = () =>
      loadDocumentRecognitionConfig({
        GOTENBERG_URL: 'gotenberg:3000',
        RECOGNITION_OCR_WORKERS: '0',
        RECOGNITION_OCR_DPI: '20',
      });
    expect(load).toThrow(/GOTENBERG_URL: must start with http:\/\/ or https:\/\//);
    expect(load).toThrow(/RECOGNITION_OCR_WORKERS/);
    expect(load).toThrow(/RECOGNITION_OCR_DPI/);
  });
});
