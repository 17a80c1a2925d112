import type { ClassifiedBatch, HostedModelOptions, ServedManifest } from './hosted-model.js';

/** What a model worker is asked: to build its model from a folder's bytes, to classify texts, or to free its model. */
export type ModelWorkerRequest =
  | {
      readonly id: number;
      readonly kind: 'load';
      readonly manifest: ArrayBuffer;
      readonly others: Readonly<Record<string, ArrayBuffer>>;
      readonly options: HostedModelOptions;
    }
  | { readonly id: number; readonly kind: 'classify'; readonly texts: readonly string[] }
  | { readonly id: number; readonly kind: 'release' };

/** A model worker's answer to one request, or the name and message of the error it caught. */
export type ModelWorkerReply =
  | { readonly id: number; readonly ok: true; readonly kind: 'loaded'; readonly manifest: ServedManifest }
  | { readonly id: number; readonly ok: true; readonly kind: 'classified'; readonly batch: ClassifiedBatch }
  | { readonly id: number; readonly ok: true; readonly kind: 'released' }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };
