import type { RouteDescriptor } from '@mlops/contracts';

function scalar(value: unknown, name: string, template: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TypeError(`missing path parameter "${name}" for ${template}`);
}

/** A route's path with its params filled and encoded (`*` keeps its slashes), as the services' own clients build it. */
function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  return template
    .split('::')
    .map((part) =>
      part
        .replace(/\*$/, () => scalar(params['*'], '*', template).split('/').map(encodeURIComponent).join('/'))
        .replace(/:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?/g, (_match, name: string) =>
          encodeURIComponent(scalar(params[name], name, template)),
        ),
    )
    .join(':');
}

/** A query string (arrays repeat the key, undefined is left out), with its `?`. */
function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, raw] of Object.entries(query))
    for (const item of Array.isArray(raw) ? (raw as unknown[]) : [raw])
      if (['string', 'number', 'boolean'].includes(typeof item)) search.append(key, String(item));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Where the dashboard reaches a route: through the reporter's proxy, `/ui/api/<service>/v1/...`.
 * Also the `href` of a download (a PDF): the session cookie goes with it.
 */
export function routeUrl(
  route: RouteDescriptor,
  params: Readonly<Record<string, unknown>> = {},
  query?: Readonly<Record<string, unknown>>,
): string {
  return `/ui/api/${route.service}${fillPath(route.path, params)}${queryString(query)}`;
}
