import { compareReportQuerySchema, reportParamsSchema, reportSchema } from '../reports.js';
import { defineRoute } from '../route.js';

const service = 'reporter';

/** The reporter's routes: run reports of model versions (PDF and CSV tables) and comparison reports. */
export const reporterRoutes = {
  get: defineRoute({
    service,
    method: 'GET',
    path: '/v1/reports/:model/:version',
    tags: ['reports'],
    scope: 'read',
    summary: "A version's run report: status, sha256, size, dates, what it could not show",
    params: reportParamsSchema,
    responses: { 200: reportSchema },
    errors: [400, 404],
  }),
  pdf: defineRoute({
    service,
    method: 'GET',
    path: '/v1/reports/:model/:version(^\\d+).pdf',
    tags: ['reports'],
    scope: 'read',
    summary: "Download a version's run report (PDF)",
    description:
      'A4 landscape slides: summary with bootstrap intervals, data, performance, errors with examples, comparison with production, lineage. ' +
      'ETag is the sha256; Range requests are honoured. 409 while the run or the rendering is not finished.',
    params: reportParamsSchema,
    responses: {},
    stream: { kind: 'file', mediaType: 'application/pdf', headers: ['etag', 'content-disposition', 'accept-ranges'] },
    errors: [400, 404, 409, 416],
  }),
  tables: defineRoute({
    service,
    method: 'GET',
    path: '/v1/reports/:model/:version/tables.zip',
    tags: ['reports'],
    scope: 'read',
    summary: "The report's tables as CSV files, in one zip",
    params: reportParamsSchema,
    responses: {},
    stream: { kind: 'file', mediaType: 'application/zip', headers: ['etag', 'content-disposition'] },
    errors: [400, 404, 409],
  }),
  regenerate: defineRoute({
    service,
    method: 'POST',
    path: '/v1/reports/:model/:version(^\\d+)::regenerate',
    tags: ['reports'],
    scope: 'train',
    summary: "Render a version's run report again (after a failure, or with newer data about production)",
    params: reportParamsSchema,
    responses: { 202: reportSchema },
    errors: [400, 404, 409],
    idempotent: true,
  }),
  compare: defineRoute({
    service,
    method: 'GET',
    path: '/v1/reports/compare.pdf',
    tags: ['reports'],
    scope: 'read',
    summary: 'A comparison report of any two versions of a model (PDF, rendered on demand, cached by the pair)',
    description: '422 when the two versions have different tasks or label sets, naming the difference.',
    query: compareReportQuerySchema,
    responses: {},
    stream: { kind: 'file', mediaType: 'application/pdf', headers: ['etag', 'content-disposition'] },
    errors: [400, 404, 422],
  }),
} as const;
