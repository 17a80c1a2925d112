import { inferenceRoutes } from '@mlops/contracts';
import { callerOf, registerRoute, type HttpApp } from '@mlops/http';
import type { RolloutService } from '../rollout/rollout-service.js';

const routes = inferenceRoutes.rollout;

/** `POST /v1/models/{name}/rollout`, `GET /v1/models/{name}/rollout`, `POST /v1/models/{name}/rollout/abort`. */
export function registerRolloutRoutes(app: HttpApp, rollouts: RolloutService): void {
  registerRoute(app, routes.start, async (request, reply) => {
    const state = await rollouts.start(request.params.name, request.body, callerOf(request).owner);
    return reply.code(201).send(state);
  });
  registerRoute(app, routes.show, (request) => rollouts.show(request.params.name));
  registerRoute(app, routes.abort, (request) =>
    rollouts.abort(request.params.name, request.body.reason, callerOf(request).owner),
  );
}
