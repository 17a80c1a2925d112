import { createServiceClient, type ServiceClient } from '@mlops/clients';
import { featureStoreRoutes } from '@mlops/contracts';

/** The dataset version a tick trains on, and whether its data changed since the last tick that trained. */
export interface TickDataset {
  readonly version: number;
  readonly contentHash: string;
  readonly changed: boolean;
}

/** Freezes or picks the dataset version of a tick through the feature-store's routes. */
export class DatasetFreezer {
  readonly #featureStore: ServiceClient<typeof featureStoreRoutes>;

  constructor(options: { baseUrl: string; timeoutMs: number; apiKey?: string | undefined }) {
    this.#featureStore = createServiceClient(featureStoreRoutes, options);
  }

  /**
   * `freeze`: freezes the next version (the feature-store's `POST /v1/datasets/{name}/versions`);
   * `latest`: the latest existing version. `changed` compares the content hash with the last
   * trained one (a freeze of unchanged data gives the same hash).
   */
  async datasetFor(
    name: string,
    mode: 'freeze' | 'latest',
    last: { contentHash: string } | undefined,
  ): Promise<TickDataset> {
    const version =
      mode === 'freeze'
        ? await this.#featureStore.datasets.freeze({ params: { name } })
        : (await this.#featureStore.datasets.versions({ params: { name } })).items.at(-1);
    if (!version) throw new Error(`dataset ${name} has no version to train on`);
    return {
      version: version.version,
      contentHash: version.contentHash,
      changed: last?.contentHash !== version.contentHash,
    };
  }
}
