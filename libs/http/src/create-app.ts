import { randomUUID } from 'node:crypto';
import type { Logger } from '@mlops/logger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { validatorKeepingSentHeaders } from './header-validation.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { installAuth, type AuthOptions } from './auth/auth.plugin.js';
import { OneLineRequestLog } from './one-line-request-log.js';
import { answerFrameworkError, installProblemHandlers } from './errors/problem-handler.js';
import { installJsonBodyParser } from './json-body-parser.js';
import { DEFAULT_HARDENING, type HardeningOptions } from './hardening/hardening-options.js';
import { registerHardening } from './hardening/register-hardening.js';
import { applyHeadersTimeout, serverTimeouts } from './hardening/timeouts.js';
import { docsPlugin } from './plugins/docs.plugin.js';
import { healthPlugin, type ReadinessCheck } from './plugins/health.plugin.js';
import { metricsPlugin } from './plugins/metrics.plugin.js';

/** A fastify instance whose routes are typed by zod schemas. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Everything the app factory needs to know about a service. */
export interface HttpAppOptions {
  readonly service: string;
  readonly version: string;
  readonly description: string;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  readonly readinessChecks?: readonly ReadinessCheck[];
  /** Timeouts, rate limit, CORS, Host check (libs/runtime passes the service's config; default `DEFAULT_HARDENING`). */
  readonly hardening?: HardeningOptions;
  /** Keys and scopes on every route (libs/runtime always sets it; stand-ins in tests may leave it out). */
  readonly auth?: AuthOptions;
}

/** Health probes and scrapes arrive every few seconds; logging each would drown the request log. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function isProbe(request: { url: string }): boolean {
  const { url } = request;
  const query = url.indexOf('?');
  return PROBE_PATHS.has(query < 0 ? url : url.slice(0, query));
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's `x-request-id` when it is sane, otherwise makes a new one. */
function requestIdFrom(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

/**
 * Creates the fastify app every service starts from: zod validation and serialisation,
 * request ids (echoed in `x-request-id`), problem+json errors, `/healthz`, `/readyz`,
 * `/metrics`, `/docs` and `/openapi.json`. Routes are registered by the caller afterwards.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const hardening = options.hardening ?? DEFAULT_HARDENING;
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse>({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    genReqId: requestIdFrom,
    logController: new OneLineRequestLog({ requestIdLogLabel: 'requestId', disableRequestLogging: isProbe }),
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    ...serverTimeouts(hardening.timeouts),
  }).withTypeProvider<ZodTypeProvider>();
  applyHeadersTimeout(app.server, hardening.timeouts);

  app.setValidatorCompiler(validatorKeepingSentHeaders);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  installJsonBodyParser(app);
  await registerHardening(app, hardening);
  if (options.auth) installAuth(app, options.auth);
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

  await app.register(docsPlugin, options);
  await app.register(metricsPlugin, { service: options.service });
  await app.register(healthPlugin, {
    service: options.service,
    version: options.version,
    checks: options.readinessChecks ?? [],
  });
  return app;
}
