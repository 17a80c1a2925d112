/** What `parseJsonText` returns for a text that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** Parses a JSON text, or returns `NOT_JSON`: an answer that is not JSON is data here, not an exception. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}
