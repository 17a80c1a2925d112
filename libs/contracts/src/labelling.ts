import { z } from 'zod';
import { documentLabelSchema, labelValueSchema, taskNameSchema } from './documents.js';
import { problemSchema } from './problem.js';
import { modelNameSchema } from './registry.js';

export const labelQueueParamsSchema = z.object({ task: taskNameSchema });

/** Query of `GET /v1/tasks/{task}/queue`. */
export const labelQueueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().min(1).max(200).optional(),
  order: z
    .enum(['oldest', 'newest', 'uncertainty'])
    .default('oldest')
    .describe(
      'oldest/newest: by creation date; uncertainty: the least confident predictions of the production model first',
    ),
  model: modelNameSchema
    .optional()
    .describe("the served model whose production version suggests labels (default: the task's name)"),
  pool: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024)
    .default(256)
    .describe('uncertainty order: how many unlabelled documents (oldest first) are scored to pick the page from'),
  maxChars: z.coerce
    .number()
    .int()
    .min(100)
    .max(20_000)
    .default(4000)
    .describe("characters of each document's text returned (the rest is cut)"),
});

/** A tagger hit in a queue item's text (UTF-16 offsets of the returned text, end exclusive). */
export const queueHitSchema = z.object({
  tagger: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
});

/** The production model's prediction for a queue item. */
export const labelSuggestionSchema = z.object({
  label: z.string(),
  /** Probability of the most probable label (0..1). */
  confidence: z.number().min(0).max(1),
  /** The three most probable labels, most probable first. */
  probabilities: z.array(z.object({ label: z.string(), p: z.number() })),
});

/** A document waiting for a label. */
export const labelQueueItemSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  text: z.string(),
  textLength: z.number().int().min(0),
  truncated: z.boolean(),
  language: z.string().optional(),
  hits: z.array(queueHitSchema),
  suggestion: labelSuggestionSchema.optional(),
});

/** Labelled documents of a task per label, and the ready documents still without a label. */
export const labelProgressSchema = z.object({
  labelled: z.number().int().min(0),
  remaining: z.number().int().min(0),
  perLabel: z.array(z.object({ label: labelValueSchema, count: z.number().int().min(0) })),
});

/** Answer of `GET /v1/tasks/{task}/queue`. */
export const labelQueueSchema = z.object({
  task: taskNameSchema,
  /** The order applied: `uncertainty` falls back to `oldest` when no production model answered. */
  order: z.enum(['oldest', 'newest', 'uncertainty']),
  /** The version that suggested labels, absent when none did. */
  model: z.object({ name: z.string(), version: z.number().int().min(1) }).optional(),
  /** Why there are no suggestions (no production model, inference down, no predict scope) or the order fell back. */
  notices: z.array(z.string()),
  /** Whether the taggers' hits could be computed (nlp answered). */
  hitsAvailable: z.boolean(),
  items: z.array(labelQueueItemSchema),
  nextCursor: z.string().optional(),
  progress: labelProgressSchema,
});
export type LabelQueue = z.infer<typeof labelQueueSchema>;

/**
 * The 409 problem of a label write whose `expectedRevision` is stale: the label as it is now
 * (null when it was removed) and who set it.
 */
export const labelConflictSchema = problemSchema.extend({
  current: documentLabelSchema.nullable(),
});
export type LabelConflict = z.infer<typeof labelConflictSchema>;
