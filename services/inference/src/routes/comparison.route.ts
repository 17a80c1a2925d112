import { modelParamsSchema, problemSchema, versionComparisonSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { inferenceErrors } from '../inference-errors.js';
import type { ModelServer } from '../serving/model-server.js';
import type { VersionComparisonTracker } from '../serving/version-comparison.js';

/** `GET /v1/models/{name}/comparison`: production, canary, shadow and pinned versions side by side. */
export function registerComparisonRoute(
  app: HttpApp,
  server: ModelServer,
  comparison: VersionComparisonTracker,
  canaryShare: number,
): void {
  app.get(
    '/v1/models/:name/comparison',
    {
      schema: {
        tags: ['models'],
        summary: 'Compare the versions serving a model: traffic, latency, confidence, agreement with production',
        description:
          'Figures of this process since it started serving each version. A shadow is compared with production on the ' +
          'same copied texts; a canary on copies of its texts scored by production off the request path.',
        params: modelParamsSchema,
        response: { 200: versionComparisonSchema, 404: problemSchema },
      },
    },
    (request) => {
      const { name } = request.params;
      if (!server.served.includes(name)) {
        throw inferenceErrors.modelNotServed(`model ${name} is not served by this instance`);
      }
      return comparison.compare(name, canaryShare);
    },
  );
}
