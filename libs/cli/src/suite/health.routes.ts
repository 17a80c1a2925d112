import { defineRoute, readinessSchema } from '@mlops/contracts';

/** `/readyz` of one service (every service answers it, see libs/http createHttpApp), as a route tree. */
export function healthRoutes(service: string) {
  return {
    ready: defineRoute({
      service,
      method: 'GET',
      path: '/readyz',
      tags: ['health'],
      scope: 'public',
      summary: 'Readiness: each dependency up or down (503 when one is down)',
      responses: { 200: readinessSchema },
      errors: [503],
    }),
  } as const;
}
