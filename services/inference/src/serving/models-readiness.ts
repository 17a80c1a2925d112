import type { Readiness } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import type { ModelServer } from './model-server.js';

/**
 * Adds the `models` check to `/readyz`: down (and the answer 503) until every served model has
 * its production version loaded. The common readiness checks are fixed when the app is created,
 * before the models exist, so this check joins the answer as it leaves.
 */
export function addModelsReadiness(app: HttpApp, server: ModelServer): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url !== '/readyz' || typeof payload !== 'string') return payload;
    const readiness = JSON.parse(payload) as Readiness;
    if (server.ready) {
      readiness.checks.models = { status: 'up' };
    } else {
      const missing = server
        .missing()
        .map((entry) => `${entry.name}@${entry.alias}${entry.error ? ` (${entry.error})` : ''}`);
      readiness.checks.models = { status: 'down', detail: `not loaded: ${missing.join(', ')}` };
      readiness.status = 'not_ready';
      void reply.code(503);
    }
    return JSON.stringify(readiness);
  });
}
