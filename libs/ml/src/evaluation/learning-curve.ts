import { z } from 'zod';

const validationMetric = (description: string) =>
  z.number().min(0).max(1).describe(`${description}; 0 when the run has no validation set`);

/** What the trainer records at the end of each epoch. */
export const learningCurveEpochSchema = z.strictObject({
  epoch: z.number().int().min(1).describe('1 for the first epoch'),
  trainLoss: z.number().min(0).describe('mean training loss over the epoch'),
  validationLoss: z.number().min(0).describe('validation log loss; 0 when the run has no validation set'),
  validationMacroF1: validationMetric('validation macro F1'),
  validationAccuracy: validationMetric('validation accuracy'),
  learningRate: z.number().min(0).describe('learning rate used during the epoch'),
  seconds: z.number().min(0).describe('wall time of the epoch, evaluation included'),
});
/** One epoch of a learning curve. */
export type LearningCurveEpoch = z.output<typeof learningCurveEpochSchema>;

/** The learning curve of a training run: one record per epoch, epochs strictly increasing. */
export const learningCurveSchema = z.array(learningCurveEpochSchema).superRefine((epochs, context) => {
  epochs.forEach((record, index) => {
    if (index > 0 && record.epoch <= (epochs[index - 1]?.epoch ?? 0)) {
      context.addIssue({ code: 'custom', path: [index, 'epoch'], message: 'epochs must be strictly increasing' });
    }
  });
});
/** The learning curve of a training run. */
export type LearningCurve = z.output<typeof learningCurveSchema>;
