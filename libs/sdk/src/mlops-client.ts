import { createServiceClient, type ClientOptions, type ServiceClient } from '@mlops/clients';
import {
  featureStoreRoutes,
  inferenceRoutes,
  registryRoutes,
  reporterRoutes,
  retrainingRoutes,
  studyRoutes,
  trainingJobRoutes,
  type RouteTree,
} from '@mlops/contracts';

/** Where the suite's services listen, and how every call is made. */
export interface MlopsClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** inference: predictions (texts and documents). */
  readonly inferenceUrl?: string;
  /** dl-trainer: training jobs, hyperparameter studies and the model registry. */
  readonly trainerUrl?: string;
  /** feature-store: documents, labels and datasets. */
  readonly featureStoreUrl?: string;
  /** reporter: PDF reports of model versions, their tables, comparisons. */
  readonly reporterUrl?: string;
}

/** The typed clients of the suite's public routes, one per group of routes. */
export interface MlopsClient {
  readonly inference: ServiceClient<typeof inferenceRoutes>;
  readonly trainingJobs: ServiceClient<typeof trainingJobRoutes>;
  /** Hyperparameter studies: create, list, get (trial table, best trial, importances), cancel. */
  readonly studies: ServiceClient<typeof studyRoutes>;
  readonly registry: ServiceClient<typeof registryRoutes>;
  /** Scheduled retraining (`schedules`: create, list, get, ticks, pause, resume, runNow, remove) and `decisions` of a model. */
  readonly retraining: ServiceClient<typeof retrainingRoutes>;
  readonly featureStore: ServiceClient<typeof featureStoreRoutes>;
  readonly reports: ServiceClient<typeof reporterRoutes>;
}

/**
 * Builds the clients of the suite: `createMlopsClient({ inferenceUrl, apiKey }).inference.predict(...)`.
 * Each URL is needed only by the clients that use it; reading a client whose URL was not given throws.
 */
export function createMlopsClient(options: MlopsClientOptions): MlopsClient {
  const { inferenceUrl, trainerUrl, featureStoreUrl, reporterUrl, ...shared } = options;
  const clientOf = <T extends RouteTree>(tree: T, baseUrl: string | undefined, option: string) => {
    const client = baseUrl === undefined ? undefined : createServiceClient(tree, { ...shared, baseUrl });
    return (): ServiceClient<T> => {
      if (!client) throw new TypeError(`createMlopsClient: give ${option} to call these routes`);
      return client;
    };
  };
  const inference = clientOf(inferenceRoutes, inferenceUrl, 'inferenceUrl');
  const trainingJobs = clientOf(trainingJobRoutes, trainerUrl, 'trainerUrl');
  const studies = clientOf(studyRoutes, trainerUrl, 'trainerUrl');
  const registry = clientOf(registryRoutes, trainerUrl, 'trainerUrl');
  const retraining = clientOf(retrainingRoutes, trainerUrl, 'trainerUrl');
  const featureStore = clientOf(featureStoreRoutes, featureStoreUrl, 'featureStoreUrl');
  const reports = clientOf(reporterRoutes, reporterUrl, 'reporterUrl');
  return {
    get inference() {
      return inference();
    },
    get trainingJobs() {
      return trainingJobs();
    },
    get studies() {
      return studies();
    },
    get registry() {
      return registry();
    },
    get retraining() {
      return retraining();
    },
    get featureStore() {
      return featureStore();
    },
    get reports() {
      return reports();
    },
  };
}
