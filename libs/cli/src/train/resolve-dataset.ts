import { UpstreamError } from '@mlops/clients';
import { CliError, EXIT } from '../core/cli-error.js';
import type { CommandContext } from '../core/context.js';
import type { TrainFile } from './train-file.js';

/** The frozen version a run reads, and whether this call created the dataset or froze the version. */
export interface ResolvedDataset {
  readonly name: string;
  readonly version: number;
  readonly created: boolean;
  readonly frozen: boolean;
  readonly recordCount?: number;
}

/**
 * Finds (or creates, from `dataset.definition`) the dataset, then the version to train on: the one
 * named, a new one with `freeze`, else the latest.
 */
export async function resolveDataset(
  context: CommandContext,
  dataset: TrainFile['dataset'],
  task: string,
  path: string,
): Promise<ResolvedDataset> {
  const store = context.clients.featureStore.datasets;
  let created = false;
  let latest: number;
  try {
    latest = (await store.get({ params: { name: dataset.name } })).latestVersion;
  } catch (error) {
    if (!(error instanceof UpstreamError && error.status === 404)) throw error;
    if (dataset.definition === undefined) {
      throw new CliError(
        EXIT.failure,
        `${path}: dataset "${dataset.name}" does not exist; add dataset.definition to the file, or create it with \`mlops datasets create\``,
        'DATASET_MISSING',
      );
    }
    await store.create({ body: { ...dataset.definition, name: dataset.name, task: dataset.definition.task ?? task } });
    created = true;
    latest = 0;
  }
  if (dataset.freeze || (created && dataset.version === undefined)) {
    const version = await store.freeze({ params: { name: dataset.name } });
    return { name: dataset.name, version: version.version, created, frozen: true, recordCount: version.recordCount };
  }
  const version = dataset.version ?? latest;
  if (version < 1) {
    throw new CliError(
      EXIT.failure,
      `${path}: dataset "${dataset.name}" has no frozen version; set dataset.freeze to true, or run \`mlops datasets freeze ${dataset.name}\``,
      'DATASET_NOT_FROZEN',
    );
  }
  return { name: dataset.name, version, created, frozen: false };
}
