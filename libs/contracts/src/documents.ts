import { z } from 'zod';

/** A task name: where a label belongs (`spam`, `topic`); no dots, so it can key a stored map. */
export const taskNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" and "-", starting with a letter or digit');

/** A label value within a task. */
export const labelValueSchema = z.string().min(1).max(128);

/** Free metadata of a document: flat, scalar values only, so it can be filtered on. */
export const recordMetadataSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-"'),
    z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]),
  )
  .refine((value) => Object.keys(value).length <= 64, 'at most 64 metadata keys');

/** One text record of `POST /v1/documents` (JSON) and of an import line. */
export const textRecordSchema = z.strictObject({
  text: z.string().min(1).max(1_000_000),
  metadata: recordMetadataSchema.optional(),
  labels: z.record(taskNameSchema, labelValueSchema).optional(),
});
export type TextRecord = z.infer<typeof textRecordSchema>;

/** JSON body of `POST /v1/documents`: a batch of text records. */
export const textBatchSchema = z.strictObject({
  records: z.array(textRecordSchema).min(1).max(1000),
  /** Ignored (kept so that older clients are not refused): labels are recorded as the key's owner's. */
  labelledBy: z.string().min(1).max(128).optional(),
});

export const documentStatusSchema = z.enum(['received', 'processing', 'ready', 'failed']);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;

/** What `POST /v1/documents` answers for each record or file, in order. */
export const documentReceiptSchema = z.object({
  id: z.uuid(),
  sha256: z.string().length(64),
  duplicate: z.boolean(),
  status: documentStatusSchema,
  filename: z.string().optional(),
  detectedType: z.string().optional(),
});
export const documentReceiptsSchema = z.object({ items: z.array(documentReceiptSchema) });

/**
 * A document's label for one task: who set it, when, and its revision (1 for the first label,
 * +1 per change), which a write may name to refuse overwriting a label it has not seen.
 */
export const documentLabelSchema = z.object({
  label: labelValueSchema,
  by: z.string(),
  at: z.iso.datetime(),
  revision: z.number().int().min(1),
});

/** A document as the API shows it (text omitted from lists). */
export const documentSchema = z.object({
  id: z.uuid(),
  sha256: z.string(),
  status: documentStatusSchema,
  source: z.object({
    kind: z.enum(['text', 'file']),
    filename: z.string().optional(),
    declaredType: z.string().optional(),
    detectedType: z.string(),
    size: z.number().int().min(0),
  }),
  metadata: recordMetadataSchema,
  labels: z.record(z.string(), documentLabelSchema),
  attempts: z.number().int().min(0),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  textLength: z.number().int().min(0).optional(),
  language: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const documentParamsSchema = z.object({ id: z.uuid() });

/** Body of `POST /v1/documents/statuses`: up to 500 document ids. */
export const documentStatusesRequestSchema = z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) });

/** The status (and the reason of a failure) of each known document asked for, in the order asked; unknown ids are listed apart. */
export const documentStatusesSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      status: documentStatusSchema,
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  missing: z.array(z.uuid()),
});

/** Query of `GET /v1/documents`. */
export const documentListQuerySchema = z.object({
  status: documentStatusSchema.optional(),
  task: taskNameSchema.optional(),
  label: labelValueSchema.optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});

/**
 * Body of `PUT /v1/documents/{id}/labels/{task}`. `expectedRevision` is the revision of the label
 * the writer saw (0: it saw none): when the label has changed since, the write is refused (409)
 * instead of overwriting it. Without it the label is set whatever it was.
 */
export const putLabelSchema = z.strictObject({
  label: labelValueSchema,
  expectedRevision: z.number().int().min(0).optional(),
});
export const labelParamsSchema = z.object({ id: z.uuid(), task: taskNameSchema });

/** Query of `DELETE /v1/documents/{id}/labels/{task}`: the revision the remover saw (refused with 409 when stale). */
export const removeLabelQuerySchema = z.strictObject({
  expectedRevision: z.coerce.number().int().min(1).optional(),
});

/** Body of `POST /v1/labels` (bulk labelling). */
export const bulkLabelSchema = z.strictObject({
  task: taskNameSchema,
  items: z
    .array(z.strictObject({ documentId: z.uuid(), label: labelValueSchema }))
    .min(1)
    .max(1000),
});
export const bulkLabelResultSchema = z.object({ updated: z.number().int(), missing: z.array(z.uuid()) });

/** Result of `POST /v1/imports`: what was kept, and each refused line with its number. */
export const importResultSchema = z.object({
  format: z.enum(['jsonl', 'csv']),
  lines: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.array(z.object({ line: z.number().int(), errors: z.array(z.string()) })),
  invalidTruncated: z.boolean(),
});

/** Work message asking feature-store to (re)process one document; idempotent by document id. */
export const documentProcessMessageSchema = z.strictObject({ documentId: z.uuid() });

/** Fact published when a document's processing ends (`document.ready` / `document.failed`). */
export const documentProcessedEventSchema = z.object({
  documentId: z.uuid(),
  sha256: z.string(),
  status: z.enum(['ready', 'failed']),
  attempts: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
