import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import type { IndexedCollection } from '@mlops/mongo';
import type { Db } from 'mongodb';
import { AliasRepository, aliasesCollection, aliasMovesCollection } from './alias.repository.js';
import { ArtifactStore } from './artifact-store.js';
import { ModelReportRepository, modelReportsCollection } from './model-report.repository.js';
import { ModelVersionRepository, modelVersionsCollection } from './model-version.repository.js';
import { RegisteredModelRepository, registeredModelsCollection } from './registered-model.repository.js';
import type { RegistryConfig } from './registry.config.js';
import { RegistryEvents, registryOutboxCollection } from './registry-events.js';
import { resolveCodeVersion } from './run-environment.js';
import { TestPredictionRepository, testPredictionsCollection } from './test-prediction.repository.js';
import { TrainingRunRepository, trainingRunsCollection } from './training-run.repository.js';

/** The collections (and indexes) of the registry and of runs, for `buildConnectedApp`. */
export const registryCollections: readonly IndexedCollection[] = [
  modelVersionsCollection,
  registeredModelsCollection,
  aliasesCollection,
  aliasMovesCollection,
  registryOutboxCollection,
  trainingRunsCollection,
  modelReportsCollection,
  testPredictionsCollection,
];

/** Everything the registry's use cases and routes work on; opened once per process. */
export interface ModelRegistry {
  readonly versions: ModelVersionRepository;
  readonly models: RegisteredModelRepository;
  readonly aliases: AliasRepository;
  readonly runs: TrainingRunRepository;
  /** Each succeeded run's test examples as its model predicted them. */
  readonly testPredictions: TestPredictionRepository;
  readonly reports: ModelReportRepository;
  readonly artifacts: ArtifactStore;
  readonly events: RegistryEvents;
  readonly limits: RegistryConfig['limits'];
  /** The git sha runs record, resolved at boot. */
  readonly codeVersion: string;
}

/** Opens the registry over the service's database and broker. */
export async function openModelRegistry(deps: {
  readonly db: Db;
  readonly broker: Broker;
  readonly logger: Logger;
  readonly config: RegistryConfig;
}): Promise<ModelRegistry> {
  const versions = new ModelVersionRepository(deps.db);
  const models = new RegisteredModelRepository(deps.db);
  const aliases = new AliasRepository(deps.db);
  return {
    versions,
    models,
    aliases,
    runs: new TrainingRunRepository(deps.db),
    testPredictions: new TestPredictionRepository(deps.db),
    reports: new ModelReportRepository(deps.db),
    artifacts: new ArtifactStore(deps.db),
    events: new RegistryEvents(deps.db, { broker: deps.broker, versions, aliases, models, logger: deps.logger }),
    limits: deps.config.limits,
    codeVersion: await resolveCodeVersion(deps.config.gitSha),
  };
}

/** The latest version number of a model, 0 when it has none. */
export async function latestVersionOf(registry: ModelRegistry, name: string): Promise<number> {
  return registry.versions.latest(name, (await registry.models.find(name))?.latestVersionHint ?? 0);
}
