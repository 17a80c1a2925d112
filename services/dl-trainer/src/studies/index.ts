import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import type { Db } from 'mongodb';
import type { ModelRegistry } from '../registry/index.js';
import type { DispatchDeps } from '../training-jobs/submit-training-job.usecase.js';
import type { TrainingJobRepository } from '../training-jobs/training-job.repository.js';
import { registerStudyRoutes } from './studies.route.js';
import { startStudyLoop } from './study-loop.js';
import { StudyRepository } from './study.repository.js';

export { studiesCollection } from './study.repository.js';

/**
 * Registers `/v1/studies` and starts the study driver loop (trials as training jobs, state in
 * MongoDB); the loop stops when the app closes.
 */
export function registerStudies(
  app: HttpApp,
  deps: DispatchDeps & {
    db: Db;
    jobs: TrainingJobRepository;
    registry: Pick<ModelRegistry, 'runs'>;
    logger: Logger;
    pollMs: number;
  },
): void {
  const studies = new StudyRepository(deps.db);
  const loop = startStudyLoop({ ...deps, studies }, deps.pollMs);
  registerStudyRoutes(app, { studies, wake: loop.wake });
  app.addHook('preClose', async () => {
    await loop.stop();
  });
}
