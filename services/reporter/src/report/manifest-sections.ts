import { z } from 'zod';

/*
 * What the reporter reads of a model manifest (libs/ml `modelManifestSchema`), section by section
 * and leniently: unknown keys are ignored, and a section that is absent or does not parse (an
 * older manifest format) is reported missing instead of failing the report. The reporter does not
 * depend on libs/ml: it reads manifests as JSON from the registry.
 */

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

const classMetricsSchema = z.object({ precision: share, recall: share, f1: share, support: count, predicted: count });
const binSchema = z.object({ lower: share, upper: share, count, meanConfidence: share, accuracy: share });

const evaluationCoreSchema = z.object({
  labels: z.array(z.string()).min(1),
  exampleCount: count,
  accuracy: share,
  macroF1: share,
  macroPrecision: share.optional(),
  macroRecall: share.optional(),
  weightedF1: share.optional(),
  logLoss: z.number().min(0).optional(),
});

/** The parts of an evaluation report, each present or not. */
export interface EvaluationSections {
  readonly core: z.output<typeof evaluationCoreSchema>;
  readonly perClass?: Readonly<Record<string, z.output<typeof classMetricsSchema>>>;
  /** Square, one row and column per label of `core.labels`. */
  readonly confusionMatrix?: readonly (readonly number[])[];
  readonly calibration?: {
    readonly expectedCalibrationError: number;
    readonly bins: readonly z.output<typeof binSchema>[];
  };
  readonly worstConfusions?: readonly {
    readonly truth: string;
    readonly predicted: string;
    readonly count: number;
    readonly examples: readonly { readonly id: string; readonly confidence: number }[];
  }[];
}

const calibrationSchema = z.object({ expectedCalibrationError: share, bins: z.array(binSchema).min(1) });
const worstConfusionsSchema = z.array(
  z.object({
    truth: z.string(),
    predicted: z.string(),
    count: count,
    examples: z.array(z.object({ id: z.string(), confidence: share })).default([]),
  }),
);

const modelSchema = z.object({
  name: z.string().min(1),
  task: z.string().min(1),
  architecture: z.string().optional(),
  createdAt: z.string().optional(),
  weightsSha256: z.string().optional(),
});
const paritySchema = z.object({
  runtime: z.string(),
  rows: count,
  maxAbsDifference: z.number(),
  argmaxMismatches: count,
  tolerance: z.number(),
  passed: z.boolean(),
});
const curveSchema = z
  .array(
    z.object({
      epoch: z.number().int(),
      trainLoss: z.number(),
      validationLoss: z.number().optional(),
      validationMacroF1: z.number().optional(),
      validationAccuracy: z.number().optional(),
    }),
  )
  .min(1);
const histogramSchema = z
  .object({ edges: z.array(z.number()), shares: z.array(share) })
  .refine((h) => h.shares.length === h.edges.length + 1);
const stepsSchema = z.array(
  z.object({ step: z.string(), rowsIn: count, rowsOut: count, dropped: z.record(z.string(), count) }),
);
const splitSchema = z.object({ train: count, validation: count, test: count });
const lineageSchema = z.object({
  dataset: z.object({ name: z.string(), version: z.number().int(), contentHash: z.string() }),
  seed: z.number().int(),
  jobId: z.string().nullable().optional(),
  runId: z.string().nullable().optional(),
  codeVersion: z.string(),
});
const environmentSchema = z.record(z.string(), z.string());
const rulesSchema = z.array(
  z.object({
    id: z.string(),
    when: z.object({ tagger: z.string(), minHits: z.number().optional() }),
    then: z.object({ label: z.string() }),
  }),
);

/** The sections of a manifest the reports use; each is undefined when absent or unreadable. */
export interface ManifestSections {
  readonly model?: z.output<typeof modelSchema>;
  readonly labels?: readonly string[];
  readonly test?: EvaluationSections;
  /** `null`: the model has no decision rules; undefined: the manifest does not say. */
  readonly testWithRules?: EvaluationSections | null;
  readonly rules?: z.output<typeof rulesSchema>;
  readonly parity?: z.output<typeof paritySchema>;
  readonly bestEpoch?: number;
  readonly curve?: z.output<typeof curveSchema>;
  readonly trainLabelShares?: Readonly<Record<string, number>>;
  readonly textLength?: z.output<typeof histogramSchema>;
  readonly trainingExamples?: number;
  readonly steps?: z.output<typeof stepsSchema>;
  readonly split?: z.output<typeof splitSchema>;
  readonly lineage?: z.output<typeof lineageSchema>;
  readonly environment?: Readonly<Record<string, string>>;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly timings?: Readonly<Record<string, number>>;
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function read<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function readEvaluation(value: unknown): EvaluationSections | undefined {
  const core = read(evaluationCoreSchema, value);
  if (!core) return undefined;
  const size = core.labels.length;
  const perClass = read(z.record(z.string(), classMetricsSchema), at(value, 'perClass'));
  const matrix = read(z.array(z.array(count)), at(value, 'confusionMatrix'));
  return {
    core,
    perClass: perClass && core.labels.every((label) => Object.hasOwn(perClass, label)) ? perClass : undefined,
    confusionMatrix: matrix?.length === size && matrix.every((row) => row.length === size) ? matrix : undefined,
    calibration: read(calibrationSchema, at(value, 'calibration')),
    worstConfusions: read(worstConfusionsSchema, at(value, 'worstConfusions')),
  };
}

/**
 * Reads the sections of a manifest (parsed JSON, any format version) that the reports use. Never
 * throws: whatever is absent or unreadable is left undefined, and the slides say it is missing.
 */
export function readManifestSections(manifest: unknown): ManifestSections {
  const withRules = at(manifest, 'metrics', 'testWithRules');
  return {
    model: read(modelSchema, at(manifest, 'model')),
    labels: read(z.array(z.string()).min(1), at(manifest, 'labels')),
    test: readEvaluation(at(manifest, 'metrics', 'test')),
    testWithRules: withRules === null ? null : readEvaluation(withRules),
    rules: read(rulesSchema, at(manifest, 'rules')),
    parity: read(paritySchema, at(manifest, 'metrics', 'parity')),
    bestEpoch: read(z.number().int().min(0), at(manifest, 'metrics', 'bestEpoch')),
    curve: read(curveSchema, at(manifest, 'metrics', 'curve')),
    trainLabelShares: read(z.record(z.string(), share), at(manifest, 'trainingStatistics', 'labels')),
    textLength: read(histogramSchema, at(manifest, 'trainingStatistics', 'textLength')),
    trainingExamples: read(count, at(manifest, 'trainingStatistics', 'examples')),
    steps: read(stepsSchema, at(manifest, 'data', 'steps')),
    split: read(splitSchema, at(manifest, 'data', 'split')),
    lineage: read(lineageSchema, at(manifest, 'lineage')),
    environment: read(environmentSchema, at(manifest, 'environment')),
    config: read(z.record(z.string(), z.unknown()), at(manifest, 'config')),
    timings: read(z.record(z.string(), z.number()), at(manifest, 'timings')),
  };
}
