import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Request logging with one line per request instead of fastify's two ("incoming request" and
 * "request completed"): the completed line carries the request (method, url, request id), the
 * status and the response time. Half the log volume and serialisation on every request; a request
 * that never completes is still seen in the access log of the caller and in the metrics.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {
    // The request is logged once, when it completes.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    } else {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
