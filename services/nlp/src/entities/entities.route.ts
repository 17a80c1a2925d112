import { nlpRoutes, type FieldError, type NlpEntitiesResponse } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { findTagger, TAGGERS, type Tagger } from '@mlops/text';
import type { NlpLimits } from '../config.js';
import { nlpErrors } from '../errors.js';
import { enforceTextLimits } from '../limits.js';
import type { NlpWork } from '../work/nlp-work.js';

/** The taggers a request names (all when it names none); unknown names answer 400 pointing at each. */
function resolveTaggers(names: readonly string[] | undefined): readonly Tagger[] {
  if (names === undefined) return TAGGERS;
  const unknown: FieldError[] = [];
  const chosen = new Map<string, Tagger>();
  names.forEach((name, index) => {
    const tagger = findTagger(name);
    if (tagger) chosen.set(name, tagger);
    else unknown.push({ pointer: `/body/taggers/${index}`, message: `unknown tagger "${name}"` });
  });
  if (unknown.length > 0) {
    throw nlpErrors.unknownTagger(
      `${unknown.map((e) => e.message).join(', ')}; known taggers: ${TAGGERS.map((t) => t.name).join(', ')}`,
      unknown,
    );
  }
  return TAGGERS.filter((tagger) => chosen.has(tagger.name));
}

/** `POST /v1/entities`: hits of the expert-rule taggers, found on a worker thread. */
export function registerEntitiesRoute(app: HttpApp, deps: { limits: NlpLimits; work: NlpWork }): void {
  registerRoute(app, nlpRoutes.entities, (request, reply) => {
    const { texts, options } = request.body;
    const taggers = resolveTaggers(request.body.taggers).map((tagger) => tagger.name);
    enforceTextLimits(texts, deps.limits);
    return deps.work.run<NlpEntitiesResponse>({ op: 'entities', taggers, texts, options }, reply);
  });
}
