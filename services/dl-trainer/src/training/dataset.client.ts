import { createServiceClient, UpstreamError } from '@mlops/clients';
import { featureStoreRoutes, type DatasetRecord } from '@mlops/contracts';
import { TrainingJobFailure } from '../training-jobs/training-executor.js';

/** A frozen dataset version as the trainer reads it. */
export interface DatasetVersionRecords {
  readonly contentHash: string;
  readonly records: DatasetRecord[];
}

/** Where the feature-store is and how long reading one version may take. */
export interface DatasetClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** dl-trainer's own key (scope read). */
  readonly apiKey?: string | undefined;
}

function asJobFailure(error: unknown, name: string, version: number): unknown {
  if (!(error instanceof UpstreamError)) return error;
  if (error.kind === 'refused' && error.status === 404) {
    return new TrainingJobFailure(
      'DATASET_NOT_FOUND',
      `dataset ${name} version ${version} does not exist in the feature-store`,
    );
  }
  if (error.code === 'UPSTREAM_INVALID_ANSWER') {
    return new TrainingJobFailure('DATASET_RECORD_INVALID', `dataset ${name} v${version}: ${error.detail}`);
  }
  return error;
}

/** The feature-store's dataset versions, as the trainer reads them. */
export class DatasetClient {
  readonly #featureStore;

  constructor(options: DatasetClientOptions) {
    this.#featureStore = createServiceClient(featureStoreRoutes, options);
  }

  /**
   * Streams a version's records (JSON Lines), each checked against the record contract. An
   * unknown dataset or version is final (`TrainingJobFailure` DATASET_NOT_FOUND); a bad line too
   * (DATASET_RECORD_INVALID); an unreachable or failing feature-store throws its UpstreamError,
   * so the job is retried.
   */
  async records(name: string, version: number, signal?: AbortSignal): Promise<DatasetVersionRecords> {
    try {
      const answer = await this.#featureStore.datasets.records({ params: { name, version } }, signal ? { signal } : {});
      const records: DatasetRecord[] = [];
      for await (const record of answer.records) records.push(record);
      return { contentHash: answer.headers.get('x-dataset-content-hash') ?? '', records };
    } catch (error) {
      throw asJobFailure(error, name, version);
    }
  }
}
