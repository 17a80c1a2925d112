import { nlpRoutes, type NlpTokenizeResponse } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import type { NlpWork } from '../work/nlp-work.js';

/** `POST /v1/tokenize`: sentences and tokens with spans, by the tokeniser shared with the ML featurizers. */
export function registerTokenizeRoute(app: HttpApp, deps: { limits: NlpLimits; work: NlpWork }): void {
  registerRoute(app, nlpRoutes.tokenize, (request, reply) => {
    enforceTextLimits(request.body.texts, deps.limits);
    return deps.work.run<NlpTokenizeResponse>({ op: 'tokenize', body: request.body }, reply);
  });
}
