import { QUICK_RETRY } from '@mlops/clients';
import { trainingFinishedEventSchema } from '@mlops/contracts';
import type { Broker } from '@mlops/messaging';
import type { Upstreams } from '../upstreams/upstreams.js';
import { enqueueRender } from './render-report.consumer.js';
import type { ReportRepository } from './report.repository.js';

/** What the `training.completed` consumer needs. */
export interface TrainingCompletedDeps {
  readonly broker: Broker;
  readonly reports: ReportRepository;
  readonly upstreams: Upstreams;
}

/**
 * Follows `training.completed`: finds the model version the job's run registered (registry
 * `GET /v1/runs?jobId=`), creates its report record (pending, generation 1) and queues its render.
 * Idempotent by job id: a second delivery finds the record and queues nothing, unless the first
 * delivery stopped between the two (the record is still the job's pending generation 1; the render
 * skips a generation already rendered). A job whose run registered no version does nothing.
 */
export async function startTrainingCompletedConsumer(deps: TrainingCompletedDeps, queue: string): Promise<void> {
  await deps.broker.consume({
    queue,
    schema: trainingFinishedEventSchema,
    prefetch: 4,
    handler: async (event, context) => {
      if (event.status !== 'succeeded') return;
      const runs = await deps.upstreams.registry.runs.list(
        { query: { jobId: event.jobId, limit: 1 } },
        { retry: QUICK_RETRY, signal: context.signal },
      );
      const modelVersion = runs.items[0]?.modelVersion;
      if (!modelVersion) {
        context.logger.info({ jobId: event.jobId }, 'the job registered no model version; no report');
        return;
      }
      const { document, created } = await deps.reports.createOnce(modelVersion.name, modelVersion.version, event.jobId);
      const unfinishedFirst =
        document.generation === 1 && document.status === 'pending' && document.jobId === event.jobId;
      if (!created && !unfinishedFirst) {
        context.logger.info({ jobId: event.jobId, status: document.status }, 'report already asked for');
        return;
      }
      await enqueueRender(deps.broker, document, context.requestId);
      context.logger.info({ model: document.model, version: document.version }, 'report queued');
    },
  });
}
