import { nlpRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { TAGGERS } from '@mlops/text';

/** `GET /v1/taggers`: the tagger registry. */
export function registerTaggersRoute(app: HttpApp): void {
  const body = {
    taggers: TAGGERS.map(({ name, description, examples }) => ({ name, description, examples: [...examples] })),
  };
  registerRoute(app, nlpRoutes.taggers, () => body);
}
