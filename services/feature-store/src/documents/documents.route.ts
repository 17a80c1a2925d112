import type {} from '@fastify/multipart';
import { featureStoreRoutes } from '@mlops/contracts';
import { asAttachment, callerOf, parseOrThrow, positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import { downloadStream } from '@mlops/mongo';
import { ObjectId, type GridFSBucket } from 'mongodb';
import { z } from 'zod';
import { featureStoreErrors } from '../errors.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { toDocumentView } from './document-views.js';
import type { DocumentRepository } from './document.repository.js';
import { ingestTextRecords, type ProcessingDispatcher, type Receipt } from './ingest-records.usecase.js';
import type { RecentFiles } from './recent-files.js';
import { storeUploadParts } from './upload-parts.js';

const routes = featureStoreRoutes.documents;

/** What the document routes need. */
export interface DocumentRoutesDeps {
  readonly documents: DocumentRepository;
  readonly labels: LabelRepository;
  readonly bucket: GridFSBucket;
  readonly dispatch: ProcessingDispatcher;
  readonly maxFileBytes: number;
  readonly recentFiles?: RecentFiles;
}

function toReceiptView(receipt: Receipt) {
  const { document } = receipt;
  return {
    id: document._id,
    sha256: document.sha256,
    duplicate: receipt.duplicate,
    status: document.status,
    ...(document.source.filename ? { filename: document.source.filename } : {}),
    detectedType: document.source.detectedType,
  };
}

/** `/v1/documents`: upload files or text records, read, list and download documents. */
export function registerDocumentRoutes(app: HttpApp, deps: DocumentRoutesDeps): void {
  registerRoute(app, routes.upload, async (request, reply) => {
    const labelledBy = callerOf(request).owner;
    let receipts: Receipt[];
    const batch = request.body;
    if (request.isMultipart() || batch === undefined) {
      receipts = await storeUploadParts(deps, request.parts(), { labelledBy, requestId: request.id });
    } else {
      receipts = await ingestTextRecords(deps, batch.records, labelledBy, request.id);
    }
    const created = receipts.some((receipt) => !receipt.duplicate);
    return reply.code(created ? 201 : 200).send({ items: receipts.map(toReceiptView) });
  });

  registerRoute(app, routes.get, async (request) => {
    const document = await deps.documents.findById(request.params.id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${request.params.id}`);
    return toDocumentView(document, (await deps.labels.of([document._id])).get(document._id));
  });

  registerRoute(app, routes.statuses, async (request) => {
    const found = await deps.documents.statusesOf(request.body.ids);
    const asked = [...new Set(request.body.ids)];
    return {
      items: asked.flatMap((id) => {
        const doc = found.get(id);
        return doc ? [{ id, status: doc.status, ...(doc.error ? { error: doc.error } : {}) }] : [];
      }),
      missing: asked.filter((id) => !found.has(id)),
    };
  });

  registerRoute(app, routes.content, async (request, reply) => {
    const document = await deps.documents.findById(request.params.id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${request.params.id}`);
    if (document.source.fileId) {
      return asAttachment(reply, {
        filename: document.source.filename ?? `document-${document._id}`,
        mediaType: document.source.detectedType,
      })
        .header('content-length', document.source.size)
        .send(downloadStream(deps.bucket, new ObjectId(document.source.fileId)));
    }
    return reply.type('text/plain; charset=utf-8').send(document.text ?? '');
  });

  registerRoute(app, routes.list, async (request) => {
    const { limit, cursor, status, task, label, order } = request.query;
    const after = positionAfter(cursor);
    if (label !== undefined && task === undefined) {
      parseOrThrow(z.never({ error: 'a label filter needs a task' }), label, '/querystring/task');
    }
    const ids = task === undefined ? undefined : [...(await deps.labels.labelled(task, label)).keys()];
    const docs = await deps.documents.list({ status, ids, newestFirst: order === 'newest', limit: limit + 1, after });
    const labels = await deps.labels.of(docs.slice(0, limit).map((doc) => doc._id));
    return toPage(
      docs,
      limit,
      (doc) => toDocumentView(doc, labels.get(doc._id)),
      (doc) => ({ createdAt: doc.createdAt, id: doc._id }),
    );
  });
}
