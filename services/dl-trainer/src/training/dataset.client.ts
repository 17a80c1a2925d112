import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { datasetRecordSchema, type DatasetRecord } from '@mlops/contracts';
import { TrainingJobFailure } from '../training-jobs/training-executor.js';

/** A frozen dataset version as the trainer reads it. */
export interface DatasetVersionRecords {
  readonly contentHash: string;
  readonly records: DatasetRecord[];
}

/** Typed client of the feature-store's dataset versions. */
export class DatasetClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Streams `GET /v1/datasets/{name}/versions/{v}/records` (JSON Lines) line by line, validating
   * each record. An unknown dataset or version is final (`TrainingJobFailure`
   * DATASET_NOT_FOUND); a bad line too (DATASET_RECORD_INVALID); an unreachable or failing
   * feature-store throws a plain error, so the job is retried.
   */
  async records(name: string, version: number, signal?: AbortSignal): Promise<DatasetVersionRecords> {
    const url = `${this.baseUrl}/v1/datasets/${encodeURIComponent(name)}/versions/${version}/records`;
    const response = await fetch(url, {
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
        : AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      throw new TrainingJobFailure(
        'DATASET_NOT_FOUND',
        `dataset ${name} version ${version} does not exist in the feature-store`,
      );
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`feature-store answered ${response.status} for ${url}`);
    }
    const contentHash = response.headers.get('x-dataset-content-hash') ?? '';
    const records: DatasetRecord[] = [];
    const lines = createInterface({ input: Readable.fromWeb(response.body), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const parsed = datasetRecordSchema.safeParse(parseJson(line));
      if (!parsed.success) {
        throw new TrainingJobFailure(
          'DATASET_RECORD_INVALID',
          `dataset ${name} v${version}, line ${lineNumber}: ${parsed.error.message.slice(0, 300)}`,
        );
      }
      records.push(parsed.data);
    }
    return { contentHash, records };
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
