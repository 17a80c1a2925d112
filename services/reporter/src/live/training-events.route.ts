import { reporterRoutes, trainingLiveHeadersSchema } from '@mlops/contracts';
import { parseOrThrow, registerRoute, type HttpApp } from '@mlops/http';
import { reporterErrors } from '../errors.js';
import { openJobStream, type JobStreamDeps } from './job-stream.js';
import { FeedFullError } from './training-feed.js';

/** How long a client refused for the stream limit should wait before trying again. */
const FULL_RETRY_AFTER_SECONDS = 10;

/** `GET /v1/events/training-jobs/:id`: a training job's learning curve as server-sent events. */
export function registerTrainingEventsRoute(app: HttpApp, deps: JobStreamDeps): void {
  registerRoute(
    app,
    reporterRoutes.trainingEvents,
    async (request, reply) => {
      const headers = parseOrThrow(trainingLiveHeadersSchema, request.headers, '/headers');
      let stream;
      try {
        stream = await openJobStream(deps, request.params.id, headers['last-event-id'] ?? 0, request.log);
      } catch (error) {
        if (!(error instanceof FeedFullError)) throw error;
        reply.header('retry-after', String(FULL_RETRY_AFTER_SECONDS));
        throw reporterErrors.liveFull(`${error.message}; try again in ${FULL_RETRY_AFTER_SECONDS} s`);
      }
      return (
        reply
          .type('text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .header('x-accel-buffering', 'no')
          // The socket closes with the stream: a server shutting down is not held by an idle keep-alive.
          .header('connection', 'close')
          .send(stream)
      );
    },
    { headers: trainingLiveHeadersSchema },
  );
}
