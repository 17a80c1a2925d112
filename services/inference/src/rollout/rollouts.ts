import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import type { IndexedCollection } from '@mlops/mongo';
import { startPeriodicTask } from '@mlops/runtime';
import type { Db } from 'mongodb';
import type { InferenceConfig } from '../config.js';
import type { PredictionMonitor } from '../monitoring/prediction-monitor.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { RolloutAliases } from './rollout-aliases.js';
import { RolloutRecorder } from './rollout-recorder.js';
import { RolloutService } from './rollout-service.js';
import {
  RolloutRepository,
  rolloutArchiveCollection,
  rolloutCountersCollection,
  rolloutDriftCollection,
  rolloutsCollection,
} from './rollout.repository.js';

/** The collections of the rollouts, created with their indexes at start. */
export const rolloutCollections: readonly IndexedCollection[] = [
  rolloutsCollection,
  rolloutArchiveCollection,
  rolloutCountersCollection,
  rolloutDriftCollection,
];

/** What the rollouts of a replica are built from. */
export interface RolloutsDeps {
  readonly app: HttpApp;
  readonly settings: InferenceConfig['rollout'];
  readonly db: Db;
  readonly broker: Broker;
  readonly registry: RegistryClient;
  /** Makes sure this replica serves a model (`requireServed`), or throws the problem saying why not. */
  readonly requireServed: (model: string) => Promise<void>;
  readonly logger: Logger;
}

/**
 * Builds the rollouts of this replica: the recorder (hooked into the traffic before monitoring
 * exists) and `start`, which builds the service over monitoring and starts the periodic round;
 * the round stops before the app closes, adding the last counts and letting the leases go.
 */
export function createRollouts(deps: RolloutsDeps) {
  const recorder = new RolloutRecorder();
  const replica = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  return {
    recorder,
    start(monitor: Pick<PredictionMonitor, 'accuracy' | 'drift'>): RolloutService {
      const service = new RolloutService({
        repository: new RolloutRepository(deps.db),
        aliases: new RolloutAliases(deps.registry),
        broker: deps.broker,
        recorder,
        monitor,
        requireServed: deps.requireServed,
        replica,
        leaseMs: deps.settings.leaseMs,
        logger: deps.logger,
      });
      const stop = startPeriodicTask('rollouts', () => service.tick(), deps.settings.tickMs, deps.logger);
      deps.app.addHook('preClose', (done) => {
        stop();
        done();
      });
      deps.app.addHook('onClose', () =>
        service
          .close()
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'rollout counts not flushed at close')),
      );
      return service;
    },
  };
}
