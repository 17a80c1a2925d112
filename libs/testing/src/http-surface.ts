import { routesOf, type RouteTree } from '@mlops/contracts';
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

interface OpenApiOperation {
  readonly requestBody?: { readonly content?: Record<string, unknown> };
}
type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

/** The surface every service shares, not described by a route descriptor. */
const SHARED_PATHS = new Set(['/healthz', '/readyz']);

/** A fastify path template as the OpenAPI document spells it (`:name(^re)` → `{name}`, `::` → `:`, `*` → `{*}`). */
function openApiPath(template: string): string {
  return template
    .split('::')
    .map((part) => part.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?/g, '{$1}').replace(/\*$/, '{*}'))
    .join(':');
}

/**
 * Every descriptor of the service's route tree is in the OpenAPI document (upload routes with a
 * multipart request body), and every operation of the document comes from a descriptor.
 */
function checkDescribedRoutes(paths: OpenApiPaths, routes: RouteTree, findings: SurfaceFinding[]): void {
  const described = new Set<string>();
  for (const route of routesOf(routes)) {
    const path = openApiPath(route.path);
    const key = `${route.method} ${path}`;
    described.add(key);
    const operation = paths[path]?.[route.method.toLowerCase()];
    if (!operation) {
      findings.push({ endpoint: key, problem: 'is described by a route descriptor but missing from /openapi.json' });
      continue;
    }
    if (route.upload && !operation.requestBody?.content?.['multipart/form-data'])
      findings.push({ endpoint: key, problem: 'takes an upload but has no multipart/form-data requestBody' });
  }
  for (const [path, operations] of Object.entries(paths)) {
    if (SHARED_PATHS.has(path)) continue;
    for (const method of Object.keys(operations)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (!described.has(key))
        findings.push({ endpoint: key, problem: 'is served but not described by a route descriptor' });
    }
  }
}

/** What a route descriptor tree or a list of trees holds. */
function treeOf(routes: RouteTree | readonly RouteTree[]): RouteTree {
  return Array.isArray(routes)
    ? Object.fromEntries(routes.map((tree, index) => [String(index), tree]))
    : (routes as RouteTree);
}

/**
 * Checks the HTTP surface every service shares: `/healthz`, `/readyz` (ready), `/docs`,
 * `/openapi.json` (a valid OpenAPI 3 document), `/metrics` (Prometheus text with the request
 * histogram) and a problem+json 404; with the service's route descriptors, also that the
 * document describes exactly the described routes (uploads with a multipart body). Returns what
 * is wrong; empty when all holds.
 */
export async function checkHttpSurface(
  app: InjectableApp,
  routes?: RouteTree | readonly RouteTree[],
): Promise<SurfaceFinding[]> {
  const findings: SurfaceFinding[] = [];
  await expectStatus(app, '/healthz', 200, findings);
  await expectStatus(app, '/readyz', 200, findings);
  const docs = await expectStatus(app, '/docs/', 200, findings);
  if (!docs.includes('swagger')) findings.push({ endpoint: '/docs/', problem: 'is not the Swagger UI page' });
  const openapi = await expectStatus(app, '/openapi.json', 200, findings);
  const document = JSON.parse(openapi) as { paths?: OpenApiPaths };
  const validation = await new Validator().validate(document);
  if (!validation.valid)
    findings.push({
      endpoint: '/openapi.json',
      problem: `invalid OpenAPI: ${JSON.stringify(validation.errors).slice(0, 500)}`,
    });
  if (routes) checkDescribedRoutes(document.paths ?? {}, treeOf(routes), findings);
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
