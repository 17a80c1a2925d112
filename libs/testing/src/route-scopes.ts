import { routesOf, SCOPES, type RouteDescriptor, type RouteTree } from '@mlops/contracts';
import { TEST_KEYS, testKeyFor } from './test-keys.js';

/** The part of a fastify app the scope check needs. */
interface InjectableApp {
  inject(options: {
    method: RouteDescriptor['method'];
    url: string;
    headers: Record<string, string>;
  }): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
}

/** One route that does not guard itself as its descriptor says. */
export interface ScopeFinding {
  readonly route: string;
  readonly problem: string;
}

/** A concrete URL of a path template; auth answers before params are validated, so any value does. */
function sampleUrl(path: string): string {
  return path
    .split('::')
    .map((part) => part.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?/g, '1').replace(/\*$/, '1'))
    .join(':');
}

/** A well-formed key no verifier knows. */
const UNKNOWN_KEY = `mlk_unknown000_${'A'.repeat(43)}`;

/**
 * For every route of the trees (a route added tomorrow included): 401 problem+json with a Bearer
 * challenge without a key and with an unknown key, 403 with a key holding every scope but the
 * route's (and admin), and neither 401 nor 403 with a key holding only the route's scope. The app
 * must be built with `testKeyVerifier`. Returns what is wrong; empty when all holds.
 */
export async function checkRouteScopes(
  app: InjectableApp,
  trees: RouteTree | readonly RouteTree[],
): Promise<ScopeFinding[]> {
  const findings: ScopeFinding[] = [];
  const routes = (Array.isArray(trees) ? trees : [trees]).flatMap((tree: RouteTree) => routesOf(tree));
  for (const route of routes) {
    const name = `${route.method} ${route.path}`;
    const url = sampleUrl(route.path);
    const send = (key?: string) =>
      app.inject({ method: route.method, url, headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });
    const expect = (status: number, wanted: (s: number) => boolean, what: string, body: string) => {
      if (!wanted(status)) findings.push({ route: name, problem: `${what}: answered ${status} ${body.slice(0, 200)}` });
    };
    const { scope } = route;
    if (scope === 'public') {
      findings.push({ route: name, problem: 'is public: every route of a service needs a scope' });
      continue;
    }
    const anonymous = await send();
    expect(anonymous.statusCode, (s) => s === 401, 'without a key', anonymous.body);
    if (!String(anonymous.headers['www-authenticate']).startsWith('Bearer'))
      findings.push({ route: name, problem: 'a 401 without a WWW-Authenticate: Bearer challenge' });
    if (!String(anonymous.headers['content-type']).startsWith('application/problem+json'))
      findings.push({ route: name, problem: 'a 401 that is not problem+json' });
    const unknown = await send(UNKNOWN_KEY);
    expect(unknown.statusCode, (s) => s === 401, 'with an unknown key', unknown.body);
    const others = SCOPES.filter((s) => s !== scope && s !== 'admin');
    const lacking = await send(testKeyFor('scope-check-others', others));
    expect(lacking.statusCode, (s) => s === 403, `with every scope but ${scope}`, lacking.body);
    const none = await send(TEST_KEYS.noScopes);
    expect(none.statusCode, (s) => s === 403, 'with a key holding no scope', none.body);
    const holding = await send(testKeyFor('scope-check', [scope]));
    expect(holding.statusCode, (s) => s !== 401 && s !== 403, `with the scope ${scope}`, holding.body);
  }
  return findings;
}
