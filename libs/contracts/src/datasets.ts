import { z } from 'zod';
import { recordMetadataSchema, labelValueSchema, taskNameSchema } from './documents.js';

const datasetNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit');

/** Adapters change labels, in order: a map renames and merges (`easy_ham`, `hard_ham` → `ham`). */
export const adapterSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('label_map'),
    map: z
      .record(labelValueSchema, labelValueSchema)
      .refine((m) => Object.keys(m).length > 0, 'map at least one label'),
    /** Drop rows whose label the map does not name (default: keep them unchanged). */
    dropUnmapped: z.boolean().default(false),
  }),
]);
export type Adapter = z.infer<typeof adapterSchema>;

/** Filterers drop rows, in order, each recording how many it dropped and why. */
export const filtererSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('min_examples_per_label'), min: z.number().int().min(1) }),
  z
    .strictObject({
      kind: z.literal('text_length'),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(1).optional(),
    })
    .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, 'min must not exceed max'),
  z.strictObject({ kind: z.literal('language'), allow: z.array(z.string().min(2).max(8)).min(1) }),
  z.strictObject({ kind: z.literal('exact_duplicates') }),
  z.strictObject({
    kind: z.literal('near_duplicates'),
    /** Estimated Jaccard similarity of word 3-shingles at or above which two texts count as the same. */
    threshold: z.number().min(0.5).max(1).default(0.9),
  }),
]);
export type Filterer = z.infer<typeof filtererSchema>;

/** Body of `POST /v1/datasets`: a named query over labelled documents plus its adapters and filterers. */
export const datasetDefinitionSchema = z.strictObject({
  name: datasetNameSchema,
  task: taskNameSchema,
  description: z.string().max(2000).optional(),
  filter: z
    .strictObject({
      labels: z.array(labelValueSchema).min(1).optional(),
      metadata: recordMetadataSchema.optional(),
    })
    .default({}),
  adapters: z.array(adapterSchema).max(20).default([]),
  filterers: z.array(filtererSchema).max(20).default([]),
});
export type DatasetDefinition = z.infer<typeof datasetDefinitionSchema>;

export const datasetSchema = datasetDefinitionSchema.extend({
  createdAt: z.iso.datetime(),
  latestVersion: z.number().int().min(0),
});

export const datasetParamsSchema = z.object({ name: datasetNameSchema });
export const datasetVersionParamsSchema = z.object({
  name: datasetNameSchema,
  version: z.coerce.number().int().min(1),
});

const stepSchema = z.object({
  step: z.string(),
  rowsIn: z.number().int(),
  rowsOut: z.number().int(),
  dropped: z.record(z.string(), z.number().int()),
});

/** A frozen, immutable dataset version. */
export const datasetVersionSchema = z.object({
  dataset: z.string(),
  version: z.number().int().min(1),
  task: z.string(),
  contentHash: z.string().length(64),
  recordCount: z.number().int(),
  labelDistribution: z.record(z.string(), z.number().int()),
  textLength: z.object({
    min: z.number(),
    max: z.number(),
    mean: z.number(),
    median: z.number(),
    p95: z.number(),
  }),
  steps: z.array(stepSchema),
  definition: datasetDefinitionSchema,
  createdAt: z.iso.datetime(),
});
export type DatasetVersion = z.infer<typeof datasetVersionSchema>;

/** One line of `GET /v1/datasets/{name}/versions/{v}/records` (JSON Lines). */
export const datasetRecordSchema = z.object({
  documentId: z.uuid(),
  textSha256: z.string().length(64),
  label: z.string(),
  text: z.string(),
  /** The document's language as nlp detected it (ISO 639-1, `und` when undetermined), when it has one. */
  language: z.string().optional(),
});
export type DatasetRecord = z.infer<typeof datasetRecordSchema>;
