import { livenessSchema, readinessSchema, type Readiness } from '@mlops/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** A dependency the service needs before it takes work; `check` rejects when it is down. */
export interface ReadinessCheck {
  readonly name: string;
  readonly check: () => Promise<void>;
}

interface HealthOptions {
  readonly service: string;
  readonly version: string;
  readonly checks: readonly ReadinessCheck[];
  readonly checkTimeoutMs?: number;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runChecks(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<Readiness> {
  const results: Readiness['checks'] = {};
  await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs);
        results[name] = { status: 'up' };
      } catch (error) {
        results[name] = { status: 'down', detail: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const ready = Object.values(results).every((result) => result.status === 'up');
  return { status: ready ? 'ready' : 'not_ready', checks: results };
}

/** `/healthz` answers while the process lives; `/readyz` answers 200 only when every dependency is up and the app is not closing. */
export const healthPlugin = fp(
  (app: FastifyInstance, options: HealthOptions) => {
    const startedAt = Date.now();
    let closing = false;
    app.addHook('preClose', (done) => {
      closing = true;
      done();
    });
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.get(
      '/healthz',
      { schema: { tags: ['health'], summary: 'Liveness', response: { 200: livenessSchema } } },
      () => ({
        status: 'ok' as const,
        service: options.service,
        version: options.version,
        uptimeSeconds: (Date.now() - startedAt) / 1000,
      }),
    );
    typed.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'Readiness: every dependency reachable',
          response: { 200: readinessSchema, 503: readinessSchema },
        },
      },
      async (_request, reply) => {
        const readiness = await runChecks(options.checks, options.checkTimeoutMs ?? 2000);
        if (closing) {
          readiness.status = 'not_ready';
          readiness.checks.shutdown = { status: 'down', detail: 'the service is shutting down' };
        }
        return reply.code(readiness.status === 'ready' ? 200 : 503).send(readiness);
      },
    );
  },
  { name: 'mlops-health', fastify: '5.x' },
);
