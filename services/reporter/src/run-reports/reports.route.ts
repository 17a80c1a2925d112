import { QUICK_RETRY } from '@mlops/clients';
import { reporterRoutes, type ModelVersion } from '@mlops/contracts';
import { registerRoute, type AppError, type HttpApp } from '@mlops/http';
import type { Broker } from '@mlops/messaging';
import { reporterErrors } from '../errors.js';
import { runReportName, tablesName } from '../files/download-name.js';
import { sendFile, type FileToSend } from '../files/file-answer.js';
import type { ReportFiles } from '../files/report-files.js';
import { asRouteError, requireVersion, trainingJobOf, type Upstreams } from '../upstreams/upstreams.js';
import { enqueueRender } from './render-report.consumer.js';
import { toReport, type ReportDocument, type ReportRepository } from './report.repository.js';

/** What the run report routes need. */
export interface ReportRouteDeps {
  readonly reports: ReportRepository;
  readonly files: ReportFiles;
  readonly upstreams: Upstreams;
  readonly broker: Broker;
}

const UNFINISHED_JOB = new Set(['queued', 'running']);

/** The training job of a version when it has not finished yet (queued or running), else undefined. */
async function unfinishedJobOf(
  deps: ReportRouteDeps,
  version: ModelVersion,
): Promise<{ id: string; status: string } | undefined> {
  try {
    const job = await trainingJobOf(deps.upstreams, version.runId ?? version.lineage?.runId, { retry: QUICK_RETRY });
    return job && UNFINISHED_JOB.has(job.status) ? job : undefined;
  } catch (error) {
    throw asRouteError(error);
  }
}

/** Why a version that exists has no report record: its run is still going (409), or nobody asked for one (404). */
async function noReportError(deps: ReportRouteDeps, version: ModelVersion, conflict: boolean): Promise<AppError> {
  const job = await unfinishedJobOf(deps, version);
  const regenerate = `POST /v1/reports/${version.name}/${version.version}:regenerate renders one`;
  if (job) {
    const detail = `the training job ${job.id} of version ${version.version} of ${version.name} is ${job.status}; its report is rendered once it finishes`;
    return conflict ? reporterErrors.runNotFinished(detail) : reporterErrors.reportNotFound(detail);
  }
  return reporterErrors.reportNotFound(
    `no report has been asked for version ${version.version} of ${version.name} yet; ${regenerate}`,
  );
}

/** The record of a version's report, or the 404/409 that says why there is none. */
async function requireRecord(deps: ReportRouteDeps, model: string, version: number): Promise<ReportDocument> {
  const doc = await deps.reports.find(model, version);
  if (doc) return doc;
  const found = await requireVersion(deps.upstreams, model, version, { retry: QUICK_RETRY });
  throw await noReportError(deps, found, true);
}

/**
 * The stored file of a ready report (`pdf` or `tables`), or 409 naming the status. The record is
 * read again when its file has just been replaced by a newer render.
 */
async function readyFile(
  deps: ReportRouteDeps,
  model: string,
  version: number,
  which: 'pdf' | 'tables',
): Promise<Omit<FileToSend, 'filename' | 'mediaType'>> {
  for (let round = 0; ; round++) {
    const doc = await requireRecord(deps, model, version);
    const file =
      which === 'pdf'
        ? { id: doc.pdfFileId, sha256: doc.sha256, size: doc.size }
        : { id: doc.tablesFileId, sha256: doc.tablesSha256, size: doc.tablesSize };
    const { id, sha256, size } = file;
    if (doc.status !== 'ready' || !id || !sha256 || size === undefined) {
      const reason = doc.error ? ` (last error ${doc.error.code}: ${doc.error.message})` : '';
      throw reporterErrors.reportNotReady(
        `the report of version ${version} of ${model} is ${doc.status}${reason}; GET /v1/reports/${model}/${version} shows its status`,
      );
    }
    if (round > 0 || (await deps.files.exists(id))) {
      return { sha256, size, open: (range) => deps.files.open(id, range) };
    }
  }
}

/**
 * The run report routes: its status, its PDF and its tables (ETag, If-None-Match, Range), and a
 * regenerate that queues a new render.
 */
export function registerReportRoutes(app: HttpApp, deps: ReportRouteDeps): void {
  registerRoute(app, reporterRoutes.get, async (request) => {
    const { model, version } = request.params;
    const doc = await deps.reports.find(model, version);
    if (doc) return toReport(doc);
    const found = await requireVersion(deps.upstreams, model, version, { retry: QUICK_RETRY });
    throw await noReportError(deps, found, false);
  });

  registerRoute(app, reporterRoutes.pdf, async (request, reply) => {
    const { model, version } = request.params;
    const file = await readyFile(deps, model, version, 'pdf');
    return sendFile(reply, request.headers, {
      ...file,
      mediaType: 'application/pdf',
      filename: runReportName(model, version),
    });
  });

  registerRoute(app, reporterRoutes.tables, async (request, reply) => {
    const { model, version } = request.params;
    const file = await readyFile(deps, model, version, 'tables');
    return sendFile(reply, request.headers, {
      ...file,
      mediaType: 'application/zip',
      filename: tablesName(model, version),
    });
  });

  registerRoute(app, reporterRoutes.regenerate, async (request, reply) => {
    const { model, version } = request.params;
    const found = await requireVersion(deps.upstreams, model, version, { retry: QUICK_RETRY });
    const unfinished = await unfinishedJobOf(deps, found);
    if (unfinished) {
      throw reporterErrors.runNotFinished(
        `the training job ${unfinished.id} of version ${version} of ${model} is ${unfinished.status}; its report is rendered once it finishes`,
      );
    }
    const doc = await deps.reports.requestRender(model, version, found.runId);
    await enqueueRender(deps.broker, doc, request.id);
    request.log.info({ model, version, generation: doc.generation }, 'report render queued');
    return reply.code(202).send(toReport(doc));
  });
}
