import { reporterRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { reporterErrors } from '../errors.js';
import { comparisonName } from '../files/download-name.js';
import { sendFile } from '../files/file-answer.js';
import { comparisonReport, type CompareDeps } from './compare-report.usecase.js';
import { GateFullError } from './render-gate.js';

/** `GET /v1/reports/compare.pdf?model=&a=&b=`: a comparison report, rendered on demand and cached. */
export function registerCompareRoute(app: HttpApp, deps: CompareDeps, retryAfterSeconds: number): void {
  registerRoute(app, reporterRoutes.compare, async (request, reply) => {
    const { model, a, b } = request.query;
    let file;
    try {
      file = await comparisonReport(deps, { model, a, b });
    } catch (error) {
      if (!(error instanceof GateFullError)) throw error;
      reply.header('retry-after', String(retryAfterSeconds));
      throw reporterErrors.busy(`${error.message}; try again in ${retryAfterSeconds} s`);
    }
    const { id } = file;
    return sendFile(reply, request.headers, {
      sha256: file.sha256,
      size: file.size,
      mediaType: 'application/pdf',
      filename: comparisonName(model, a, b),
      open: (range) => deps.files.open(id, range),
    });
  });
}
