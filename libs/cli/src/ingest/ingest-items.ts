import type { TextRecord } from '@mlops/contracts';

/** One thing to ingest: a file's bytes (typed by the feature-store) or a text record. */
export type IngestItem =
  | {
      readonly kind: 'file';
      readonly filename: string;
      readonly content: Uint8Array;
      readonly labels: Readonly<Record<string, string>>;
      readonly metadata: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'record'; readonly record: TextRecord; readonly source: string };

/** How the ingestion ended, per document, and the lines that were refused before upload. */
export interface IngestSummary {
  readonly documents: number;
  readonly ready: number;
  readonly duplicate: number;
  readonly failed: number;
  readonly pending: number;
  readonly failures: { id: string; source: string; code: string; message: string }[];
  readonly invalidLines: { file: string; line: number; errors: string[] }[];
  readonly documentIds: string[];
  readonly seconds: number;
}
