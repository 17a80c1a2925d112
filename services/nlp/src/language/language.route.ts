import { nlpRoutes, type NlpLanguageResponse } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import type { NlpLimits } from '../config.js';
import { enforceTextLimits } from '../limits.js';
import type { NlpWork } from '../work/nlp-work.js';

/** `POST /v1/language`: the language of each text. */
export function registerLanguageRoute(app: HttpApp, deps: { limits: NlpLimits; work: NlpWork }): void {
  registerRoute(app, nlpRoutes.language, (request, reply) => {
    enforceTextLimits(request.body.texts, deps.limits);
    return deps.work.run<NlpLanguageResponse>({ op: 'language', texts: request.body.texts }, reply);
  });
}
