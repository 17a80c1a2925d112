import { datasetDefinitionSchema, modelAliasSchema, taskNameSchema, trainingJobRequestSchema } from '@mlops/contracts';
import { z } from 'zod';

/** When and where the trained version is promoted: the CLI's promotion policy. */
export const promotionPolicySchema = z.strictObject({
  alias: modelAliasSchema.default('production'),
  /** Least test macro-F1 to promote at all. */
  minMacroF1: z.number().min(0).max(1).default(0),
  /** Refuse a version whose test macro-F1 is below the current one's by more than this. */
  maxRegression: z.number().min(0).max(1).default(0.01),
});
export type PromotionPolicy = z.infer<typeof promotionPolicySchema>;

/**
 * `train.json`: the API's training job request (`POST /v1/training-jobs`, same schema: modelName,
 * task, seed, config, requestedBy), whose `dataset` may also ask to create the dataset and freeze a
 * new version, plus what to do after: wait for the report (and save it), promote.
 */
export const trainFileSchema = trainingJobRequestSchema.omit({ dataset: true }).extend({
  dataset: z.strictObject({
    name: trainingJobRequestSchema.shape.dataset.shape.name,
    /** A frozen version; without it, the latest (or a new one with `freeze`). */
    version: z.number().int().min(1).optional(),
    /** Freeze a new version of the dataset before training. */
    freeze: z.boolean().default(false),
    /** Create the dataset with this definition (its task defaults to the file's) when it does not exist. */
    definition: datasetDefinitionSchema
      .omit({ name: true, task: true })
      .extend({ task: taskNameSchema.optional() })
      .optional(),
  }),
  promote: promotionPolicySchema.optional(),
  report: z
    .strictObject({
      /** Wait until the PDF report is rendered. */
      wait: z.boolean().default(true),
      /** Save the PDF here (relative to the working directory). */
      output: z.string().min(1).optional(),
    })
    .default({ wait: true }),
});
export type TrainFile = z.infer<typeof trainFileSchema>;
