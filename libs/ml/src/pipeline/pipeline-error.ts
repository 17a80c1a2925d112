/** A training run that cannot succeed with this data or config; `code` says why (no retry helps). */
export class TrainingPipelineError extends Error {
  override readonly name = 'TrainingPipelineError';

  constructor(
    readonly code: 'TRAINING_DATA_INSUFFICIENT' | 'TRAINING_PARITY_FAILED' | 'TRAINING_RULES_INVALID',
    message: string,
  ) {
    super(message);
  }
}
