import type {} from '@fastify/multipart';
import {
  documentListQuerySchema,
  recordMetadataSchema,
  documentParamsSchema,
  documentReceiptsSchema,
  documentSchema,
  labelValueSchema,
  pageQuerySchema,
  pageSchema,
  problemSchema,
  taskNameSchema,
  textBatchSchema,
} from '@mlops/contracts';
import { parseOrThrow, positionAfter, toPage, type HttpApp } from '@mlops/http';
import { downloadStream } from '@mlops/mongo';
import { ObjectId, type GridFSBucket } from 'mongodb';
import { z } from 'zod';
import { featureStoreErrors } from '../errors.js';
import { toDocumentView } from './document-views.js';
import type { LabelRepository } from '../labels/label.repository.js';
import type { DocumentRepository } from './document.repository.js';
import { ingestTextRecords, type ProcessingDispatcher, type Receipt } from './ingest-records.usecase.js';
import { storeUploadedFile, type UploadContext } from './upload-files.usecase.js';

const uploadLabelsSchema = z.record(taskNameSchema, labelValueSchema);
const listQuerySchema = pageQuerySchema.extend(documentListQuerySchema.shape);

/** What the document routes need. */
export interface DocumentRoutesDeps {
  readonly documents: DocumentRepository;
  readonly labels: LabelRepository;
  readonly bucket: GridFSBucket;
  readonly dispatch: ProcessingDispatcher;
  readonly maxFileBytes: number;
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

function parseJsonField(value: string, pointer: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return parseOrThrow(z.never({ error: 'not valid JSON' }), value, pointer);
  }
}

/** `/v1/documents`: upload files or text records, read, list and download documents. */
export function registerDocumentRoutes(app: HttpApp, deps: DocumentRoutesDeps): void {
  app.post(
    '/v1/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Upload files (multipart) or a batch of text records (JSON)',
        description:
          'multipart/form-data: optional fields `metadata` and `labels` (JSON objects, sent before the files) then one or more files, ' +
          'streamed into storage, typed by their bytes. application/json: `{records: [{text, metadata?, labels?}], labelledBy?}` ' +
          '(up to 1,000). The same content returns the existing document with `duplicate: true`.',
        response: {
          200: documentReceiptsSchema,
          201: documentReceiptsSchema,
          400: problemSchema,
          413: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const labelledBy = String(request.headers['x-user'] ?? 'anonymous').slice(0, 128);
      const receipts: Receipt[] = [];
      if (request.isMultipart()) {
        const context: { metadata: UploadContext['metadata']; labels: Record<string, string> } = {
          metadata: {},
          labels: {},
        };
        let files = 0;
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (files > 0)
              throw featureStoreErrors.noFiles('fields must come before the files', [
                { pointer: `/body/${part.fieldname}`, message: 'send fields before files' },
              ]);
            const raw = typeof part.value === 'string' ? part.value : '';
            if (part.fieldname === 'metadata')
              context.metadata = parseOrThrow(
                recordMetadataSchema,
                parseJsonField(raw, '/body/metadata'),
                '/body/metadata',
              );
            else if (part.fieldname === 'labels')
              context.labels = parseOrThrow(uploadLabelsSchema, parseJsonField(raw, '/body/labels'), '/body/labels');
            continue;
          }
          files += 1;
          receipts.push(
            await storeUploadedFile(
              deps,
              {
                filename: part.filename || `upload-${files}`,
                declaredType: part.mimetype,
                stream: part.file,
              },
              { ...context, labelledBy, requestId: request.id },
            ),
          );
        }
        if (files === 0)
          throw featureStoreErrors.noFiles('the multipart body holds no file', [
            { pointer: '/body', message: 'at least one file' },
          ]);
      } else {
        const batch = parseOrThrow(textBatchSchema, request.body, '/body');
        receipts.push(...(await ingestTextRecords(deps, batch.records, batch.labelledBy ?? labelledBy, request.id)));
      }
      const created = receipts.some((receipt) => !receipt.duplicate);
      return reply.code(created ? 201 : 200).send({ items: receipts.map(toReceiptView) });
    },
  );

  app.get(
    '/v1/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Get a document',
        params: documentParamsSchema,
        response: { 200: documentSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const document = await deps.documents.findById(request.params.id);
      if (!document) throw featureStoreErrors.documentNotFound(`no document ${request.params.id}`);
      return toDocumentView(document, (await deps.labels.of([document._id])).get(document._id));
    },
  );

  app.get(
    '/v1/documents/:id/content',
    {
      schema: {
        tags: ['documents'],
        summary: 'Download the raw bytes (files) or the text (records)',
        params: documentParamsSchema,
      },
    },
    async (request, reply) => {
      const document = await deps.documents.findById(request.params.id);
      if (!document) throw featureStoreErrors.documentNotFound(`no document ${request.params.id}`);
      if (document.source.fileId) {
        return reply
          .type(document.source.detectedType)
          .header('content-length', document.source.size)
          .send(downloadStream(deps.bucket, new ObjectId(document.source.fileId)));
      }
      return reply.type('text/plain; charset=utf-8').send(document.text ?? '');
    },
  );

  app.get(
    '/v1/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'List documents (text omitted), filtered by status, task and label',
        querystring: listQuerySchema,
        response: { 200: pageSchema(documentSchema), 400: problemSchema },
      },
    },
    async (request) => {
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
    },
  );
}
