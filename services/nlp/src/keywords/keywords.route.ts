import { nlpRoutes, type NlpKeywordsResponse } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import type { NlpWork } from '../work/nlp-work.js';

/** `POST /v1/keywords`: term statistics and TF-IDF keywords of one text or a set. */
export function registerKeywordsRoute(app: HttpApp, deps: { limits: NlpLimits; work: NlpWork }): void {
  registerRoute(app, nlpRoutes.keywords, (request, reply) => {
    enforceTextLimits(request.body.texts, deps.limits);
    return deps.work.run<NlpKeywordsResponse>({ op: 'keywords', body: request.body }, reply);
  });
}
