import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import type { Db } from 'mongodb';
import type { ModelRegistry } from '../registry/index.js';
import { StudyRepository } from '../studies/study.repository.js';
import type { DatasetClient } from '../training/dataset.client.js';
import type { DispatchDeps } from '../training-jobs/submit-training-job.usecase.js';
import type { TrainingJobRepository } from '../training-jobs/training-job.repository.js';
import { ComparisonReports } from './comparison-reports.js';
import { DatasetFreezer } from './dataset-freezer.js';
import { InferenceRollouts } from './inference-rollouts.js';
import type { DecisionRepository } from './decision.repository.js';
import { registerDecisionRoutes } from './decisions.route.js';
import { startRetrainingLoop } from './retraining-loop.js';
import { ScheduleRepository } from './schedule.repository.js';
import { registerScheduleRoutes } from './schedules.route.js';
import { TickRepository } from './tick.repository.js';

export { schedulesCollection } from './schedule.repository.js';
export { ticksCollection } from './tick.repository.js';
export { decisionsCollection, DecisionRepository } from './decision.repository.js';
export { recordManualMove } from './decisions.route.js';

/** Where retraining reaches the feature-store and the reporter, and how often it polls. */
export interface RetrainingOptions {
  readonly featureStore: { readonly url: string; readonly timeoutMs: number };
  readonly reporter: { readonly url: string | undefined; readonly timeoutMs: number };
  readonly inference: { readonly url: string | undefined; readonly timeoutMs: number };
  readonly apiKey: string | undefined;
  readonly pollMs: number;
  readonly leaseMs: number;
}

/**
 * Registers `/v1/schedules` and `/v1/models/{name}/decisions` and starts the retraining loop
 * (tick claims and leases in MongoDB); the loop stops when the app closes.
 */
export function registerRetraining(
  app: HttpApp,
  deps: DispatchDeps & {
    db: Db;
    jobs: TrainingJobRepository;
    registry: ModelRegistry;
    datasets: DatasetClient;
    decisions: DecisionRepository;
    logger: Logger;
    wakeStudies?: () => void;
  },
  options: RetrainingOptions,
): void {
  const schedules = new ScheduleRepository(deps.db);
  const ticks = new TickRepository(deps.db);
  const loop = startRetrainingLoop(
    {
      ...deps,
      schedules,
      ticks,
      studies: new StudyRepository(deps.db),
      freezer: new DatasetFreezer({
        baseUrl: options.featureStore.url,
        timeoutMs: options.featureStore.timeoutMs,
        apiKey: options.apiKey,
      }),
      comparisons: new ComparisonReports({
        baseUrl: options.reporter.url,
        timeoutMs: options.reporter.timeoutMs,
        apiKey: options.apiKey,
      }),
      rollouts: new InferenceRollouts({
        baseUrl: options.inference.url,
        timeoutMs: options.inference.timeoutMs,
        apiKey: options.apiKey,
      }),
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: options.leaseMs,
    },
    options.pollMs,
  );
  registerScheduleRoutes(app, { schedules, ticks, logger: deps.logger, wake: loop.wake });
  registerDecisionRoutes(app, deps.decisions);
  app.addHook('preClose', async () => {
    await loop.stop();
  });
}
