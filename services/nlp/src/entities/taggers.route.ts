import { nlpTaggersResponseSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { TAGGERS } from '@mlops/text';

/** `GET /v1/taggers`: the tagger registry. */
export function registerTaggersRoute(app: HttpApp): void {
  const body = {
    taggers: TAGGERS.map(({ name, description, examples }) => ({ name, description, examples: [...examples] })),
  };
  app.get(
    '/v1/taggers',
    {
      schema: {
        tags: ['nlp'],
        summary: 'List the entity taggers',
        description: 'Names to use in POST /v1/entities, what each finds, and examples with the value they yield.',
        response: { 200: nlpTaggersResponseSchema },
      },
    },
    () => body,
  );
}
