import { Validator } from '@seriousme/openapi-schema-validator';

/** The part of a fastify app the surface checks need. */
interface InjectableApp {
  inject(options: {
    method: 'GET' | 'POST';
    url: string;
    payload?: string;
    headers?: Record<string, string>;
  }): Promise<{
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
    json(): unknown;
  }>;
}

/** One finding of `checkHttpSurface`: an endpoint that does not behave as every service must. */
export interface SurfaceFinding {
  readonly endpoint: string;
  readonly problem: string;
}

async function expectStatus(
  app: InjectableApp,
  url: string,
  status: number,
  findings: SurfaceFinding[],
): Promise<string> {
  const response = await app.inject({ method: 'GET', url });
  if (response.statusCode !== status)
    findings.push({
      endpoint: url,
      problem: `answered ${response.statusCode}, expected ${status}: ${response.body.slice(0, 300)}`,
    });
  return response.body;
}

/**
 * Checks the HTTP surface every service shares: `/healthz`, `/readyz` (ready), `/docs`,
 * `/openapi.json` (a valid OpenAPI 3 document), `/metrics` (Prometheus text with the request
 * histogram) and a problem+json 404. Returns what is wrong; empty when all holds.
 */
export async function checkHttpSurface(app: InjectableApp): Promise<SurfaceFinding[]> {
  const findings: SurfaceFinding[] = [];
  await expectStatus(app, '/healthz', 200, findings);
  await expectStatus(app, '/readyz', 200, findings);
  const docs = await expectStatus(app, '/docs/', 200, findings);
  if (!docs.includes('swagger')) findings.push({ endpoint: '/docs/', problem: 'is not the Swagger UI page' });
  const openapi = await expectStatus(app, '/openapi.json', 200, findings);
  const validation = await new Validator().validate(JSON.parse(openapi) as Parameters<Validator['validate']>[0]);
  if (!validation.valid)
    findings.push({
      endpoint: '/openapi.json',
      problem: `invalid OpenAPI: ${JSON.stringify(validation.errors).slice(0, 500)}`,
    });
  const metrics = await expectStatus(app, '/metrics', 200, findings);
  if (!metrics.includes('http_request_duration_seconds_bucket'))
    findings.push({ endpoint: '/metrics', problem: 'has no request duration histogram' });
  const missing = await app.inject({ method: 'GET', url: '/no/such/route' });
  if (missing.statusCode !== 404 || !String(missing.headers['content-type']).startsWith('application/problem+json')) {
    findings.push({
      endpoint: '/no/such/route',
      problem: `answered ${missing.statusCode} ${String(missing.headers['content-type'])}`,
    });
  }
  return findings;
}
