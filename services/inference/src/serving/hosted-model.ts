import { createHash } from 'node:crypto';
import {
  applyDecisionRules,
  packBatch,
  readManifest,
  taggersNeeded,
  textFeaturizerFromState,
  validateRulesAgainstLabels,
  type ModelManifest,
  type SparseVector,
  type TextFeaturizer,
} from '@mlops/ml/serving';
import { OnnxClassifier, type OnnxClassifierOptions } from '@mlops/model-runtime';
import { DEFAULT_TAGGER_OPTIONS, runTaggers, type Hit, type Tagger } from '@mlops/text';
import { ArtifactChecksumError } from '../artifact-checksum-error.js';
import { widthBuckets } from './width-buckets.js';

/** The manifest as the request path needs it: everything but the featurizer's tables, which stay with the model. */
export type ServedManifest = Omit<ModelManifest, 'preprocessing'>;

/**
 * The answers for a batch of texts, in a form that crosses threads cheaply: one typed array and,
 * only when there is something in them, the rules that decided and the taggers' hits.
 */
export interface ClassifiedBatch {
  /**
   * Per text, `labels.length + 2` numbers: its probabilities (in the order of the model's labels),
   * its out-of-vocabulary rate (share of its tokens outside the vocabulary, 0 without tokens), and
   * the index of the label decided.
   */
  readonly numbers: Float32Array;
  /** The rule that decided each text; null when no rule decided any. */
  readonly rules: readonly (string | null)[] | null;
  /** Hits of the taggers the rules use, per text; null when the rules use no tagger. */
  readonly hits: readonly (readonly Hit[])[] | null;
}

/** Numbers per text in `ClassifiedBatch.numbers` for a model of `labels` labels. */
export function classifiedStride(labels: number): number {
  return labels + 2;
}

/** What classifies texts for a loaded version: a model worker thread, or a hosted model on the calling thread. */
export interface ModelRunner {
  classify(texts: readonly string[]): Promise<ClassifiedBatch>;
}

/** The files of a model folder a hosted model is built from. */
export interface ModelBytes {
  readonly manifest: Uint8Array;
  /** The files other than the manifest, by path; the manifest names the ONNX one. */
  readonly others: Readonly<Record<string, Uint8Array>>;
}

/** How a hosted model is built and warmed. */
export interface HostedModelOptions {
  readonly onnx: OnnxClassifierOptions;
  readonly warmupPredictions: number;
}

/**
 * The fixed cost of one ONNX Runtime call in padded cells (rows × width): one call of a 271-wide
 * row took 0.045 ms and 32 such rows 0.29 ms (0.03 µs per cell), i.e. about 1,300 cells. A batch
 * of 32 test e-mails (widths 21 to 3,124) ran in 3.3 ms packed as one and in 1.2 ms in 4 groups.
 */
const ORT_CALL_COST_CELLS = 1024;
const EMPTY_ROW: SparseVector = { ids: new Int32Array(0), values: new Float32Array(0) };
const WARMUP_TEXT = 'warm up the model before it takes traffic';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * One model version with everything that turns texts into answers: the featurizer rebuilt from
 * the manifest (the very preprocessing of training), the ONNX Runtime session and the decision
 * rules. Lives on the thread that classifies with it (a model worker), so building it and running
 * it never block the thread answering HTTP.
 */
export class HostedModel implements ModelRunner {
  readonly #taggers: readonly Tagger[];

  private constructor(
    readonly manifest: ModelManifest,
    private readonly featurizer: TextFeaturizer,
    private readonly classifier: OnnxClassifier,
  ) {
    this.#taggers = taggersNeeded(manifest.rules);
  }

  /**
   * Parses and checks the manifest, verifies model.onnx against its sha256, rebuilds the
   * featurizer, opens the ONNX Runtime session and warms it. Throws (and frees what it opened)
   * when the files, the featurizer, the rules or the ONNX signature do not agree.
   */
  static async build(bytes: ModelBytes, options: HostedModelOptions): Promise<HostedModel> {
    const manifest = readManifest(bytes.manifest);
    const onnx = bytes.others[manifest.input.file];
    if (onnx === undefined) throw new ArtifactChecksumError(`the model folder has no ${manifest.input.file}`);
    const actual = sha256(onnx);
    if (actual !== manifest.model.weightsSha256) {
      throw new ArtifactChecksumError(
        `model.onnx has sha256 ${actual}, the manifest expects ${manifest.model.weightsSha256}`,
      );
    }
    validateRulesAgainstLabels(manifest.rules, manifest.labels);
    const featurizer = textFeaturizerFromState(manifest.preprocessing.featurizer);
    if (featurizer.dimension !== manifest.input.featureCount) {
      throw new Error(
        `the featurizer has ${featurizer.dimension} features, the manifest ${manifest.input.featureCount}`,
      );
    }
    const classifier = await OnnxClassifier.load(onnx, options.onnx);
    const model = new HostedModel(manifest, featurizer, classifier);
    try {
      if (classifier.labels.join('\n') !== manifest.labels.join('\n')) {
        throw new Error(`model.onnx labels (${classifier.labels.join(', ')}) differ from the manifest's`);
      }
      for (let run = 0; run < options.warmupPredictions; run += 1) await model.classify([WARMUP_TEXT]);
    } catch (error) {
      await classifier.release();
      throw error;
    }
    return model;
  }

  /** The manifest without the featurizer's tables. */
  served(): ServedManifest {
    const { preprocessing: _tables, ...served } = this.manifest;
    return served;
  }

  /** Classifies texts now: featurized, run in ONNX Runtime grouped by width (`widthBuckets`), then the rules. */
  async classify(texts: readonly string[]): Promise<ClassifiedBatch> {
    const described = texts.map((text) => this.featurizer.transformDescribed(text));
    const vectors = described.map(({ vector }) => vector);
    const { labels, rules: decisionRules } = this.manifest;
    const width = labels.length;
    const stride = classifiedStride(width);
    const numbers = new Float32Array(texts.length * stride);
    for (const rows of widthBuckets(
      vectors.map((vector) => vector.ids.length),
      ORT_CALL_COST_CELLS,
    )) {
      const group = await this.classifier.predict(packBatch(rows.map((row) => vectors[row] ?? EMPTY_ROW)));
      rows.forEach((row, index) => numbers.set(group.subarray(index * width, (index + 1) * width), row * stride));
    }
    const rules: (string | null)[] = [];
    const hits: Hit[][] = [];
    for (const [row, text] of texts.entries()) {
      const found = this.#taggers.length > 0 ? runTaggers(text, this.#taggers, DEFAULT_TAGGER_OPTIONS) : [];
      const decision = applyDecisionRules(decisionRules, {
        text,
        labels,
        probabilities: numbers.subarray(row * stride, row * stride + width),
        taggerHits: found,
      });
      numbers[row * stride + width] = described[row]?.statistics.outOfVocabularyRate ?? 0;
      numbers[row * stride + width + 1] = labels.indexOf(decision.label);
      rules.push(decision.rule);
      hits.push(found);
    }
    const ruled = rules.some((rule) => rule !== null);
    return { numbers, rules: ruled ? rules : null, hits: this.#taggers.length > 0 ? hits : null };
  }

  /** Frees the ONNX Runtime session. */
  async release(): Promise<void> {
    await this.classifier.release();
  }
}
