import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * CORS for browser clients such as a dashboard: off unless origins are listed
 * (`CORS_ORIGINS=https://dash.example,https://other.example`). Listed origins may send the
 * Authorization header; credentials (cookies) are never allowed, the API does not use them.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'idempotency-key'],
    exposedHeaders: ['x-request-id', 'retry-after', 'location', 'content-disposition'],
    credentials: false,
    maxAge: 600,
  });
}
