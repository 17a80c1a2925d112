import { UpstreamError } from '@mlops/clients';
import type { TrainingJob } from '@mlops/contracts';
import { pointerToPath } from '../config/describe-issues.js';
import { CliError, EXIT } from '../core/cli-error.js';
import type { CommandContext } from '../core/context.js';
import type { ResolvedDataset } from './resolve-dataset.js';
import type { TrainFile } from './train-file.js';

/**
 * Queues the job. The trainer validates `config` with its own schema; a refusal names each field
 * as it is written in the file (`train.json: config.optimization.epochs: ...`, exit 1).
 */
export async function submitJob(
  context: CommandContext,
  file: TrainFile,
  dataset: ResolvedDataset,
  path: string,
): Promise<TrainingJob> {
  try {
    return await context.clients.trainingJobs.submit({
      body: {
        modelName: file.modelName,
        task: file.task,
        dataset: { name: dataset.name, version: dataset.version },
        seed: file.seed,
        config: file.config,
        ...(file.requestedBy === undefined ? {} : { requestedBy: file.requestedBy }),
      },
    });
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 400 && error.fieldErrors.length > 0) {
      const lines = error.fieldErrors.map((field) => `${pointerToPath(field.pointer)}: ${field.message}`);
      throw new CliError(
        EXIT.failure,
        `${path} is invalid: ${lines[0] ?? error.detail}`,
        'FILE_INVALID',
        lines.slice(1),
      );
    }
    throw error;
  }
}
