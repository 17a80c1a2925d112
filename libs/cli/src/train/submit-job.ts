import { UpstreamError } from '@mlops/clients';
import type { TrainingJob } from '@mlops/contracts';
import { pointerToPath } from '../config/describe-issues.js';
import { CliError, EXIT } from '../core/cli-error.js';
import type { CommandContext } from '../core/context.js';
import type { ResolvedDataset } from './resolve-dataset.js';
import type { TrainFile } from './train-file.js';

/** The trainer's 400 naming fields, as the CLI error naming each field as it is written in the file. */
function asFileError(error: unknown, path: string): unknown {
  if (!(error instanceof UpstreamError) || error.status !== 400 || error.fieldErrors.length === 0) return error;
  const lines = error.fieldErrors.map((field) => `${pointerToPath(field.pointer)}: ${field.message}`);
  return new CliError(EXIT.failure, `${path} is invalid: ${lines[0] ?? error.detail}`, 'FILE_INVALID', lines.slice(1));
}

/**
 * Has the trainer check `config` with its own schema (`POST /v1/training-jobs::validate`), before
 * anything is created or frozen for the job: a refusal names each field as it is written in the
 * file (`train.json: config.optimization.epochs: ...`, exit 1).
 */
export async function checkConfig(context: CommandContext, file: TrainFile, path: string): Promise<void> {
  try {
    await context.clients.trainingJobs.validate({ body: { config: file.config } });
  } catch (error) {
    throw asFileError(error, path);
  }
}

/** Queues the job; a refusal of its fields names them as `checkConfig` does. */
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
    throw asFileError(error, path);
  }
}
