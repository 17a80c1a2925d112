import type { ModelVersion } from '@mlops/contracts';
import type { Hit } from '@mlops/text';
import { ArtifactChecksumError } from '../artifact-checksum-error.js';
import { inferenceErrors } from '../errors.js';
import type { VerifiedFolder } from '../registry/verified-folder.js';
import {
  classifiedStride,
  HostedModel,
  type HostedModelOptions,
  type ModelRunner,
  type ServedManifest,
} from './hosted-model.js';
import { MicroBatcher, type BatchingOptions, type BatchReport } from './micro-batcher.js';
import { ModelWorkerLostError, type ModelWorker } from './model-worker.js';
import { ModelWorkerPool } from './model-worker-pool.js';

/** The model's answer for one text. */
export interface TextOutcome {
  readonly label: string;
  /** One probability per label, in the order of the model's labels. */
  readonly probabilities: Float32Array;
  readonly rule: string | null;
  /** Hits of the taggers the rules use (none when the rules use no tagger). */
  readonly hits: readonly Hit[];
  /** Share of the text's tokens outside the model's vocabulary (0 without tokens), for drift monitoring. */
  readonly outOfVocabularyRate: number;
}

/** How to load a model version. */
export interface LoadModelOptions extends HostedModelOptions {
  readonly batching: BatchingOptions;
  readonly onBatch?: (model: LoadedModel, report: BatchReport) => void;
  /**
   * Where a version is loaded and classifies: `thread` (default), its own worker thread;
   * `inline`, the event loop answering HTTP (no hand-off per batch, but a load blocks requests).
   */
  readonly execution?: ModelExecution;
  /** The threads models live on (default: one pool for the process). */
  readonly workers?: ModelWorkerPool;
}

/** Where a loaded version runs. */
export type ModelExecution = 'thread' | 'inline';

const processWorkers = new ModelWorkerPool();

function required(folder: VerifiedFolder, path: string): Buffer {
  const bytes = folder.get(path);
  if (bytes === undefined) throw new ArtifactChecksumError(`the model folder has no ${path}`);
  return bytes;
}

/**
 * One model version ready to serve: its manifest (without the featurizer's tables), the model
 * worker thread holding the featurizer, the ONNX Runtime session and the decision rules, and a
 * micro-batcher in front of the worker. Loading and classifying run on that thread; this class
 * only routes texts to it.
 */
export class LoadedModel {
  readonly loadedAt = new Date();
  readonly labels: readonly string[];
  readonly #batcher: MicroBatcher<string, TextOutcome>;
  #released = false;

  private constructor(
    readonly name: string,
    readonly version: number,
    readonly manifest: ServedManifest,
    private readonly runner: ModelRunner,
    private readonly free: () => Promise<void>,
    private readonly worker: ModelWorker | undefined,
    options: LoadModelOptions,
  ) {
    this.labels = manifest.labels;
    this.#batcher = new MicroBatcher(
      (texts) => this.classifyNow(texts),
      options.batching,
      (report) => options.onBatch?.(this, report),
    );
  }

  /**
   * Builds the model from a verified folder and warms it up, on a model worker thread (or inline).
   * Throws (and frees what it took) when `model.onnx` does not match the manifest's `weightsSha256`
   * (`ArtifactChecksumError`), or the manifest, featurizer, rules or ONNX signature do not agree.
   * With `bytes: 'move'` a worker thread takes the folder's files without a copy (`ModelWorker.load`).
   */
  static async load(
    version: ModelVersion,
    folder: VerifiedFolder,
    options: LoadModelOptions,
    bytes: 'copy' | 'move' = 'copy',
  ): Promise<LoadedModel> {
    const hosted = { onnx: options.onnx, warmupPredictions: options.warmupPredictions };
    try {
      if (options.execution === 'inline') {
        const model = await HostedModel.build(
          { manifest: required(folder, 'manifest.json'), others: Object.fromEntries(folder) },
          hosted,
        );
        return new LoadedModel(
          version.name,
          version.version,
          model.served(),
          model,
          () => model.release(),
          undefined,
          options,
        );
      }
      const workers = options.workers ?? processWorkers;
      const worker = workers.acquire();
      try {
        const manifest = await worker.load(folder, hosted, bytes);
        return new LoadedModel(
          version.name,
          version.version,
          manifest,
          worker,
          () => workers.giveBack(worker),
          worker,
          options,
        );
      } catch (error) {
        await workers.giveBack(worker);
        throw error;
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'ArtifactChecksumError') {
        throw new ArtifactChecksumError(`${version.name} v${version.version}: ${error.message}`);
      }
      throw error;
    }
  }

  /** Calls `listener` once if the model's worker thread stops while the model is in use. */
  whenLost(listener: (error: Error) => void): void {
    this.worker?.onLost(listener);
  }

  /** Classifies texts through the micro-batcher, grouped with concurrent callers. */
  predict(texts: readonly string[]): Promise<TextOutcome[]> {
    return this.#batcher.submit(texts);
  }

  /** Classifies texts now on the model's worker: featurized, run in ONNX Runtime grouped by width, rules applied. */
  async classifyNow(texts: readonly string[]): Promise<TextOutcome[]> {
    const batch = await this.runner.classify(texts).catch((error: unknown) => {
      if (!(error instanceof ModelWorkerLostError)) throw error;
      throw inferenceErrors.modelNotLoaded(
        `the thread of ${this.name} v${this.version} stopped while answering (${error.message}); the version is being loaded again`,
      );
    });
    const width = this.labels.length;
    const stride = classifiedStride(width);
    return texts.map((_, row) => ({
      label: this.labels[batch.numbers[row * stride + width + 1] ?? 0] ?? '',
      probabilities: batch.numbers.subarray(row * stride, row * stride + width),
      rule: batch.rules?.[row] ?? null,
      hits: batch.hits?.[row] ?? [],
      outOfVocabularyRate: batch.numbers[row * stride + width] ?? 0,
    }));
  }

  /** Frees the model (its worker goes back to the pool). Calling it twice does nothing. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    this.worker?.onLost(() => undefined);
    await this.free();
  }
}
