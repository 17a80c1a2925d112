import { z } from 'zod';
import { evaluationReportSchema, learningCurveSchema } from '../evaluation/index.js';
import { textFeaturizerStateSchema } from '../featurizers/text-featurizer.js';
import { trainingStatisticsSchema } from '../pipeline/training-statistics.js';
import { decisionRulesSchema } from '../rules/decision-rules.schema.js';

/** Version of the manifest format; a reader refuses other versions. */
export const MANIFEST_FORMAT_VERSION = 1;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256');

const stepRecordSchema = z.strictObject({
  step: z.string(),
  rowsIn: z.number().int().min(0),
  rowsOut: z.number().int().min(0),
  dropped: z.record(z.string(), z.number().int().min(0)),
});

const paritySchema = z.strictObject({
  runtime: z.string(),
  rows: z.number().int().min(0),
  maxAbsDifference: z.number(),
  argmaxMismatches: z.number().int().min(0),
  tolerance: z.number(),
  passed: z.boolean(),
});

/**
 * Which model the metrics belong to. `test` (and `testWithRules`, `curve`) always describe the
 * held-out run, trained on the train part (`evaluatedTrainRows`). With `servedModel: refit`, the
 * model in `model.onnx` is the same recipe fitted again on every labelled row (`servedTrainRows`:
 * train, validation and test) for `epochs` epochs, so the test metrics estimate it (on less data;
 * it has seen the test rows, which can no longer measure it); `parity` is checked on the served
 * model. `temperature`: the factor applied to the logits to calibrate the probabilities (1 when none).
 * Absent in manifests written before refitting existed: the served model is the evaluated one.
 */
const estimateSchema = z.strictObject({
  servedModel: z.enum(['evaluated', 'refit']),
  evaluatedTrainRows: z.number().int().min(0),
  servedTrainRows: z.number().int().min(0),
  epochs: z.number().int().min(0),
  temperature: z.number().positive(),
});

/**
 * `manifest.json`, the description of a model folder (`manifest.json` + `model.onnx`): everything
 * needed to serve the model exactly as it was evaluated (labels, ONNX signature, preprocessing
 * state, decision rules), how good it is (metrics, parity), what serving compares traffic with
 * (training statistics), and where it comes from (lineage, resolved config). The registry's
 * version number is not in it: a folder copied to another registry gets that registry's number;
 * `lineage.runId` and `model.weightsSha256` identify the trained weights anywhere.
 */
export const modelManifestSchema = z.strictObject({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  model: z.strictObject({
    name: z.string().min(1),
    task: z.string().min(1),
    architecture: z.enum(['embedding_bag', 'linear', 'mlp']),
    createdAt: z.iso.datetime(),
    /** sha256 of `model.onnx`, which holds every weight. */
    weightsSha256: sha256Schema,
  }),
  labels: z.array(z.string().min(1)).min(2),
  input: z.strictObject({
    file: z.literal('model.onnx'),
    opset: z.number().int().min(1),
    ids: z.literal('ids'),
    values: z.literal('values'),
    probabilities: z.literal('probabilities'),
    featureCount: z.number().int().min(1),
  }),
  preprocessing: z.strictObject({ featurizer: textFeaturizerStateSchema }),
  rules: decisionRulesSchema,
  metrics: z.strictObject({
    test: evaluationReportSchema,
    testWithRules: evaluationReportSchema.nullable(),
    parity: paritySchema,
    bestEpoch: z.number().int().min(0),
    curve: learningCurveSchema,
    estimate: estimateSchema.optional(),
  }),
  trainingStatistics: trainingStatisticsSchema,
  data: z.strictObject({
    steps: z.array(stepRecordSchema),
    split: z.strictObject({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
  }),
  lineage: z.strictObject({
    dataset: z.strictObject({ name: z.string(), version: z.number().int().min(1), contentHash: z.string().min(1) }),
    seed: z.number().int(),
    jobId: z.string().nullable(),
    runId: z.string().nullable(),
    codeVersion: z.string(),
  }),
  environment: z.strictObject({ backend: z.string(), node: z.string(), platform: z.string(), arch: z.string() }),
  config: z.record(z.string(), z.unknown()),
  timings: z.record(z.string(), z.number().min(0)),
});
/** A model folder's manifest. */
export type ModelManifest = z.output<typeof modelManifestSchema>;

/** Raised for a `manifest.json` that is not valid JSON or not a manifest of this format. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Parses and validates `manifest.json` bytes or text. */
export function readManifest(content: string | Uint8Array): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(typeof content === 'string' ? content : new TextDecoder().decode(content));
  } catch (error) {
    throw new ManifestError(`manifest.json is not JSON: ${(error as Error).message}`);
  }
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new ManifestError(
      `manifest.json is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
