/** Encodes a rest-of-path parameter segment by segment, keeping its slashes. */
function encodeRest(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}

type Scalar = string | number | boolean | bigint;

function isScalar(value: unknown): value is Scalar {
  return ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?/g;
const LITERAL_COLON = '::';

/**
 * Fills a fastify path template (`/v1/models/:name`, `:id(^regex)`, `::` for a literal colon,
 * `*` for the rest of the path) with encoded params. A missing param throws: the descriptor and
 * the call disagree.
 */
export function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  const value = (name: string): string => {
    const found = params[name];
    if (!isScalar(found)) throw new TypeError(`missing path parameter "${name}" for ${template}`);
    return String(found);
  };
  return template
    .split(LITERAL_COLON)
    .map((part) =>
      part
        .replace(/\*$/, () => encodeRest(value('*')))
        .replace(PARAM, (_match, name: string) => encodeURIComponent(value(name))),
    )
    .join(':');
}

/** A query string from plain values (arrays repeat the key, undefined is left out), with its `?`. */
export function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    for (const item of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      if (item instanceof Date) search.append(key, item.toISOString());
      else if (isScalar(item)) search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
