import type { Db } from 'mongodb';
import { TrainingRunRepository } from '../src/registry/training-run.repository.js';
import { TrainingJobFailure, type TrainingExecutor } from '../src/training-jobs/training-executor.js';
import type { TrainingJobDocument } from '../src/training-jobs/training-job.repository.js';

/**
 * A training executor for the study tests: instead of training, it scores the job's config with a
 * smooth function of `optimization.learningRate` (best at 1e-2) and writes a run with three epochs
 * the way the pipeline does (validation macro-F1 rising to the score, best epoch 3). A learning
 * rate above 0.5 fails the job, so tests see failed trials.
 */
export class StudyObjectiveExecutor implements TrainingExecutor {
  readonly executed: string[] = [];

  constructor(private readonly db: () => Db) {}

  async execute(job: TrainingJobDocument): Promise<void> {
    this.executed.push(job._id);
    const optimization = job.request.config.optimization as { learningRate: number };
    const lr = optimization.learningRate;
    if (lr > 0.5) throw new TrainingJobFailure('TRAINING_DIVERGED', `learning rate ${lr} diverges`);
    const score = Math.max(0, 1 - (Math.log10(lr) + 2) ** 2 / 10);
    const runs = new TrainingRunRepository(this.db());
    const now = new Date();
    const epochs = Object.fromEntries(
      [1, 2, 3].map((epoch) => [String(epoch), { metrics: { validationMacroF1: (score * epoch) / 3 }, at: now }]),
    );
    await runs.insert({
      _id: job._id,
      jobId: job._id,
      modelName: job.request.modelName,
      status: 'succeeded',
      configJson: JSON.stringify(job.request.config),
      epochs,
      evaluationJson: JSON.stringify({ macroF1: score, bestEpoch: 3 }),
      environment: {} as never,
      codeVersion: 'test',
      startedAt: now,
      finishedAt: now,
      phasesMs: {},
      attempts: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
}
