import type { TrainingExecutor } from '../src/training-jobs/training-executor.js';

/** How one call of the test executor behaves. */
type Behaviour = 'succeed' | 'block-until-aborted' | 'throw-transient';

/**
 * A training executor for tests of the job flow (the real pipeline is tested on its own):
 * records every call and behaves, call by call, as the test scripts it.
 */
export class ControllableExecutor implements TrainingExecutor {
  readonly started: string[] = [];
  readonly completed: string[] = [];
  readonly aborted: string[] = [];

  constructor(private readonly script: (callIndex: number) => Behaviour) {}

  async execute(job: { _id: string }, context: { signal: AbortSignal }): Promise<void> {
    const index = this.started.length;
    this.started.push(job._id);
    const behaviour = this.script(index);
    if (behaviour === 'throw-transient') throw new Error('transient failure for the test');
    if (behaviour === 'block-until-aborted') {
      await new Promise<void>((_, reject) => {
        context.signal.addEventListener('abort', () => {
          this.aborted.push(job._id);
          reject(new Error('aborted'));
        });
      });
    }
    this.completed.push(job._id);
  }
}
