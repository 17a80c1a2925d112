import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openApiTransform } from './openapi-transform.js';

interface DocsOptions {
  readonly service: string;
  readonly version: string;
  readonly description: string;
}

/** OpenAPI 3 generated from the routes' zod schemas: JSON at `/openapi.json`, Swagger UI at `/docs`. */
export const docsPlugin = fp(
  async (app: FastifyInstance, options: DocsOptions) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: options.service, version: options.version, description: options.description },
        components: {
          securitySchemes: {
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API key: `Authorization: Bearer mlk_<prefix>_<secret>`',
            },
          },
        },
      },
      transform: openApiTransform,
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
    });
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  },
  { name: 'mlops-docs', fastify: '5.x' },
);
