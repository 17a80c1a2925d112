import type { FastifyError, FastifyInstance } from 'fastify';
import { httpErrors } from './errors/common-errors.js';

/** Why a body is not JSON, in the runtime parser's words (they say where it stops being JSON). */
function whyNotJson(body: string): string {
  try {
    JSON.parse(body);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'it holds a "__proto__" or "constructor.prototype" key, refused as prototype poisoning';
}

/**
 * Replaces fastify's JSON body parser by the same parser (with its prototype-poisoning refusal),
 * whose 400 says where the body stops being JSON (`Unexpected token } in JSON at position 12`);
 * fastify's own says only that the body is not JSON.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = typeof raw === 'string' ? raw : raw.toString('utf8');
    void parse(request, body, (error: Error | null, value?: unknown) => {
      if ((error as FastifyError | null)?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        done(httpErrors.malformedBody(`the body is not valid JSON: ${whyNotJson(body)}`), undefined);
        return;
      }
      done(error, value);
    });
  });
}
