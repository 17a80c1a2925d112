import { compareReportQuerySchema, reportParamsSchema, reportSchema } from '../reports.js';
import { defineRoute } from '../route.js';
import { trainingLiveParamsSchema } from '../training-live.js';

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
    description:
      'The report is rendered after `training.completed` (or on `:regenerate`): `pending`, then `rendering`, then `ready` ' +
      '(or `failed` once its attempts are spent, with the error). 404 when the registry has no such version, or when no ' +
      'report was asked for yet (an imported version: POST `:regenerate`).',
    params: reportParamsSchema,
    responses: { 200: reportSchema },
    errors: [400, 404, 502],
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
      'ETag is the sha256 (`If-None-Match` answers 304); a single `Range` of bytes answers 206 with `Content-Range`, ' +
      'an unsatisfiable one 416. 409 while the run or the rendering is not finished, or when the rendering failed (the problem names the status).',
    params: reportParamsSchema,
    responses: {},
    stream: {
      kind: 'file',
      mediaType: 'application/pdf',
      headers: ['etag', 'content-disposition', 'accept-ranges', 'content-range'],
    },
    errors: [400, 404, 409, 416, 502],
  }),
  tables: defineRoute({
    service,
    method: 'GET',
    path: '/v1/reports/:model/:version/tables.zip',
    tags: ['reports'],
    scope: 'read',
    summary: "The report's tables as CSV files, in one zip",
    description:
      'Rendered with the PDF; the same rules: ETag = its sha256, If-None-Match, single Range, 409 while not ready.',
    params: reportParamsSchema,
    responses: {},
    stream: {
      kind: 'file',
      mediaType: 'application/zip',
      headers: ['etag', 'content-disposition', 'accept-ranges', 'content-range'],
    },
    errors: [400, 404, 409, 416, 502],
  }),
  regenerate: defineRoute({
    service,
    method: 'POST',
    path: '/v1/reports/:model/:version(^\\d+)::regenerate',
    tags: ['reports'],
    scope: 'train',
    summary: "Render a version's run report again (after a failure, or with newer data about production)",
    description:
      'Answers 202 with the report record (`pending`) and queues a render; the PDF answers 409 until it is `ready` again. ' +
      'Also renders the first report of an imported version. 409 while the training run of the version has not finished.',
    params: reportParamsSchema,
    responses: { 202: reportSchema },
    errors: [400, 404, 409, 502],
    idempotent: true,
  }),
  compare: defineRoute({
    service,
    method: 'GET',
    path: '/v1/reports/compare.pdf',
    tags: ['reports'],
    scope: 'read',
    summary: 'A comparison report of any two versions of a model (PDF, rendered on demand, cached by the pair)',
    description:
      'A is the reference, B the other version. 422 when the two versions have different tasks or label sets, naming the difference. ' +
      'Rendered once per pair of version folders (cached by their checksums); ETag, If-None-Match and Range as for the run report. ' +
      '503 with `Retry-After` when too many comparisons are being rendered.',
    query: compareReportQuerySchema,
    responses: {},
    stream: {
      kind: 'file',
      mediaType: 'application/pdf',
      headers: ['etag', 'content-disposition', 'accept-ranges', 'content-range'],
    },
    errors: [400, 404, 416, 422, 502, 503],
  }),
  trainingEvents: defineRoute({
    service,
    method: 'GET',
    path: '/v1/events/training-jobs/:id',
    tags: ['training-jobs'],
    scope: 'read',
    summary: "A training job's learning curve, live (server-sent events)",
    description:
      'text/event-stream: `job` (the job, planned epochs), the epochs already recorded, then each new epoch as ' +
      '`training.progress` announces it (`epoch`, SSE id = epoch number; `Last-Event-ID` resumes after it), and `end` ' +
      'when the job succeeds, fails or is cancelled; then the stream closes (at once for a finished job). A comment line ' +
      'every 15 s keeps it open. Event payloads: `TRAINING_LIVE_EVENTS` in @mlops/contracts. 404 for an unknown job, ' +
      '502 when dl-trainer cannot answer, 503 with `Retry-After` when this replica already streams to its limit of clients.',
    params: trainingLiveParamsSchema,
    responses: {},
    stream: { kind: 'file', mediaType: 'text/event-stream', headers: ['cache-control'] },
    errors: [400, 404, 502, 503],
  }),
} as const;
