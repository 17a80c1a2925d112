import type { Problem, RouteDescriptor } from '@mlops/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './app-error.js';
import { httpErrors } from './common-errors.js';
import { toFieldErrors } from './field-errors.js';
import { asServiceUnavailable } from '../hardening/unavailable.js';

const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The media types a route's body may have, from its contract (JSON when it has none). */
function acceptedMediaTypes(contract: RouteDescriptor | undefined): string[] {
  const types: string[] = [];
  if (contract?.upload) types.push('multipart/form-data', ...(contract.upload.rawMediaTypes ?? []));
  if (!contract?.upload || contract.body) types.push('application/json');
  return types;
}

/** Why a body's media type is refused: the type sent and the ones the route reads. */
function mediaTypeDetail(request: FastifyRequest): string {
  const sent = request.headers['content-type'];
  const config = request.routeOptions.config as { contract?: RouteDescriptor } | undefined;
  const accepted = acceptedMediaTypes(config?.contract).join(', ');
  return `${sent ? `content-type ${sent}` : 'a body without content-type'} is not read here; send ${accepted}`;
}

/** Maps fastify's own client errors (bad JSON, too large, wrong media type) to registered errors. */
function fromFastifyError(error: FastifyError, request: FastifyRequest): AppError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return httpErrors.payloadTooLarge(error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return httpErrors.unsupportedMediaType(mediaTypeDetail(request));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return httpErrors.unsupportedMediaType(error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return httpErrors.malformedBody(error.message);
    default:
      break;
  }
  if (error instanceof SyntaxError) return httpErrors.malformedBody(`the body is not valid JSON: ${error.message}`);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new AppError(httpErrors.clientError.code, status, httpErrors.clientError(undefined).title, error.message);
  }
  return httpErrors.internal('The server failed to handle the request; the error is logged with the request id.');
}

function toAppError(error: FastifyError | AppError, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fieldErrors = toFieldErrors(error.validation, error.validationContext);
    const detail = fieldErrors.map((e) => `${e.pointer}: ${e.message}`).join('; ');
    return httpErrors.validationFailed(detail, fieldErrors);
  }
  return fromFastifyError(error, request);
}

/**
 * The answer to the errors fastify's router raises before any route runs (an undecodable URL,
 * a path parameter over the router's length limit): a 400 problem naming the path parameters,
 * as the route's own validation would, instead of fastify's bare JSON. For `frameworkErrors`.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : 'the URL cannot be decoded';
  void sendProblem(
    reply,
    request,
    httpErrors.validationFailed(`/params: ${message}`, [{ pointer: '/params', message }]),
  );
}

/** Renders an AppError as RFC 9457 problem details. */
export function toProblem(error: AppError, request: FastifyRequest): Problem {
  return {
    type: `https://mlops.local/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
    title: error.title,
    status: error.statusCode,
    detail: error.message,
    instance: request.url,
    code: error.code,
    requestId: request.id,
    ...(error.fieldErrors ? { errors: [...error.fieldErrors] } : {}),
  };
}

function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  return reply.code(error.statusCode).type(PROBLEM_CONTENT_TYPE).send(toProblem(error, request));
}

/** Installs the error and not-found handlers: every failure leaves as problem+json, 5xx without internals. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const unavailable = asServiceUnavailable(error);
    if (unavailable) {
      request.log.warn({ err: error }, 'answered 503: a dependency cannot take the request now');
      void reply.header('retry-after', String(unavailable.retryAfterSeconds));
      return sendProblem(reply, request, unavailable.problem);
    }
    const appError = toAppError(error, request);
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.statusCode }, appError.message);
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, httpErrors.notFound(`No route ${request.method} ${request.url}`)),
  );
}
