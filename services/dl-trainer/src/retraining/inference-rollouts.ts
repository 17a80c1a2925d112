import { createServiceClient, UpstreamError, type ServiceClient } from '@mlops/clients';
import { inferenceRoutes, type RolloutSpec } from '@mlops/contracts';
import type { RolloutAttempt } from './rollout-promotion.js';

/**
 * Starts progressive rollouts in inference (`POST /v1/models/{name}/rollout`, scope `promote`)
 * with dl-trainer's own key. A refusal (4xx) is an answer, not an error; an outage throws, so the
 * tick retries it on its next poll. A 409 because this very version's rollout already runs (a
 * retried tick whose first start got through) adopts that rollout.
 */
export class InferenceRollouts {
  readonly #inference: ServiceClient<typeof inferenceRoutes> | undefined;

  constructor(options: { baseUrl: string | undefined; timeoutMs: number; apiKey?: string | undefined }) {
    this.#inference =
      options.baseUrl === undefined
        ? undefined
        : createServiceClient(inferenceRoutes, { ...options, baseUrl: options.baseUrl });
  }

  async start(name: string, version: number, spec: RolloutSpec, reason: string): Promise<RolloutAttempt> {
    if (!this.#inference) return { refused: 'dl-trainer has no INFERENCE_URL configured' };
    try {
      const state = await this.#inference.rollout.start({
        params: { name },
        body: { ...spec, version, reason: spec.reason ?? reason.slice(0, 1000) },
      });
      return { state };
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.retryable) throw error;
      if (error.status === 409) {
        const running = await this.#inference.rollout.show({ params: { name } }).catch(() => undefined);
        if (running?.version === version && running.status === 'running') return { state: running };
      }
      return { refused: error.message };
    }
  }
}
