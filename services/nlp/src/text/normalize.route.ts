import { nlpRoutes, type NlpNormalizeResponse } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import type { NlpWork } from '../work/nlp-work.js';

/** `POST /v1/normalize`: Unicode and whitespace normalisation, optional case folding and accent stripping. */
export function registerNormalizeRoute(app: HttpApp, deps: { limits: NlpLimits; work: NlpWork }): void {
  registerRoute(app, nlpRoutes.normalize, (request, reply) => {
    enforceTextLimits(request.body.texts, deps.limits);
    return deps.work.run<NlpNormalizeResponse>({ op: 'normalize', body: request.body }, reply);
  });
}
