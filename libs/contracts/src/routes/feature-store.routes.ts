import { z } from 'zod';
import {
  datasetDefinitionSchema,
  datasetParamsSchema,
  datasetRecordSchema,
  datasetSchema,
  datasetVersionParamsSchema,
  datasetVersionSchema,
} from '../datasets.js';
import {
  bulkLabelResultSchema,
  bulkLabelSchema,
  documentListQuerySchema,
  documentParamsSchema,
  documentReceiptsSchema,
  documentSchema,
  documentStatusesRequestSchema,
  documentStatusesSchema,
  importResultSchema,
  labelParamsSchema,
  labelValueSchema,
  putLabelSchema,
  recordMetadataSchema,
  removeLabelQuerySchema,
  taskNameSchema,
  textBatchSchema,
} from '../documents.js';
import { labelQueueParamsSchema, labelQueueQuerySchema, labelQueueSchema } from '../labelling.js';
import { pageQuerySchema, pageSchema } from '../pagination.js';
import { defineRoute } from '../route.js';

const service = 'feature-store';

/** The routes of feature-store, by resource. */
export const featureStoreRoutes = {
  documents: {
    upload: defineRoute({
      service,
      method: 'POST',
      path: '/v1/documents',
      tags: ['documents'],
      scope: 'ingest',
      summary: 'Upload files (multipart) or a batch of text records (JSON)',
      description:
        'multipart/form-data: optional fields `metadata` and `labels` (JSON objects, sent before the files) then one or more files, ' +
        'streamed into storage, typed by their bytes. application/json: `{records: [{text, metadata?, labels?}]}` ' +
        '(up to 1,000). The same content returns the existing document with `duplicate: true`. Labels are recorded ' +
        "as the API key owner's (a `labelledBy` in the body is ignored).",
      body: textBatchSchema,
      upload: {
        field: 'file',
        multiple: true,
        fields: { metadata: recordMetadataSchema, labels: z.record(taskNameSchema, labelValueSchema) },
        description: 'a document (any type; typed by its bytes)',
      },
      responses: { 200: documentReceiptsSchema, 201: documentReceiptsSchema },
      errors: [400, 413, 415, 422],
      idempotent: true,
    }),
    get: defineRoute({
      service,
      method: 'GET',
      path: '/v1/documents/:id',
      tags: ['documents'],
      scope: 'read',
      summary: 'Get a document',
      params: documentParamsSchema,
      responses: { 200: documentSchema },
      errors: [400, 404],
    }),
    content: defineRoute({
      service,
      method: 'GET',
      path: '/v1/documents/:id/content',
      tags: ['documents'],
      scope: 'read',
      summary: 'Download the raw bytes (files) or the text (records)',
      description:
        "Sent as an attachment with `X-Content-Type-Options: nosniff`, under the document's own media type " +
        '(text/plain for records); active types (HTML, SVG, XML, scripts) go out as application/octet-stream.',
      params: documentParamsSchema,
      responses: {},
      stream: { kind: 'file', mediaType: '*/*' },
      errors: [400, 404],
    }),
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/documents',
      tags: ['documents'],
      scope: 'read',
      summary: 'List documents (text omitted), filtered by status, task and label',
      query: pageQuerySchema.extend(documentListQuerySchema.shape),
      responses: { 200: pageSchema(documentSchema) },
      errors: [400],
    }),
    statuses: defineRoute({
      service,
      method: 'POST',
      path: '/v1/documents/statuses',
      tags: ['documents'],
      scope: 'read',
      summary: 'The status of many documents at once (up to 500 ids)',
      description:
        'For following an ingestion: one read by id for all of them, without text, features or labels. ' +
        'Items come in the order asked; ids of no document are listed under `missing`.',
      body: documentStatusesRequestSchema,
      responses: { 200: documentStatusesSchema },
      errors: [400],
      idempotent: true,
    }),
  },
  imports: {
    create: defineRoute({
      service,
      method: 'POST',
      path: '/v1/imports',
      tags: ['imports'],
      scope: 'ingest',
      summary: 'Import a JSONL or CSV file of labelled texts',
      description:
        'multipart/form-data with one file (`.jsonl`: one `{text, metadata?, labels?}` per line; `.csv`: header row, column `text`, ' +
        '`label_<task>` columns for labels, other columns as metadata). Each valid line becomes a document; invalid lines are reported with their numbers.',
      upload: { field: 'file', description: 'a `.jsonl` or `.csv` file of text records' },
      responses: { 200: importResultSchema },
      errors: [400, 413, 415],
      idempotent: true,
    }),
  },
  labels: {
    set: defineRoute({
      service,
      method: 'PUT',
      path: '/v1/documents/:id/labels/:task',
      tags: ['labels'],
      scope: 'label',
      summary: "Set a document's label for a task",
      description:
        'With `expectedRevision` (the revision of the label the writer saw, 0 for none) the write is refused with ' +
        "409 when the label has changed since: the problem's `current` holds the label as it is and who set it " +
        '(labelConflictSchema). Without it the label is replaced whatever it was.',
      params: labelParamsSchema,
      body: putLabelSchema,
      responses: { 200: documentSchema },
      errors: [400, 404, 409],
    }),
    remove: defineRoute({
      service,
      method: 'DELETE',
      path: '/v1/documents/:id/labels/:task',
      tags: ['labels'],
      scope: 'label',
      summary: "Remove a document's label for a task (the dashboard's undo)",
      description:
        'With `expectedRevision` the removal is refused with 409 LABEL_CONFLICT when the label has changed since. ' +
        'Removing a label that does not exist answers the document as it is.',
      params: labelParamsSchema,
      query: removeLabelQuerySchema,
      responses: { 200: documentSchema },
      errors: [400, 404, 409],
    }),
    queue: defineRoute({
      service,
      method: 'GET',
      path: '/v1/tasks/:task/queue',
      tags: ['labels'],
      scope: 'read',
      summary: "Documents of a task waiting for a label, with the taggers' hits and the model's suggestions",
      description:
        'Ready documents without a label for the task, oldest first (or newest), or the least confident first ' +
        '(`order=uncertainty`: the `pool` oldest unlabelled documents are scored by the production version of ' +
        "`model` in inference, with the caller's key, and the page is the least confident of them; no cursor). " +
        'Each item carries its text (cut at `maxChars`), the hits of the nlp taggers, and the suggestion of the ' +
        'production model when inference serves one; `notices` says why suggestions or the order fell back. ' +
        '`progress` counts the labelled documents per label.',
      params: labelQueueParamsSchema,
      query: labelQueueQuerySchema,
      responses: { 200: labelQueueSchema },
      errors: [400],
    }),
    setMany: defineRoute({
      service,
      method: 'POST',
      path: '/v1/labels',
      tags: ['labels'],
      scope: 'label',
      summary: 'Label many documents for one task',
      body: bulkLabelSchema,
      responses: { 200: bulkLabelResultSchema },
      errors: [400],
      idempotent: true,
    }),
  },
  datasets: {
    create: defineRoute({
      service,
      method: 'POST',
      path: '/v1/datasets',
      tags: ['datasets'],
      scope: 'train',
      summary: 'Define a dataset: a named query over labelled documents, with adapters and filterers',
      body: datasetDefinitionSchema,
      responses: { 201: datasetSchema },
      errors: [400, 409],
    }),
    list: defineRoute({
      service,
      method: 'GET',
      path: '/v1/datasets',
      tags: ['datasets'],
      scope: 'read',
      summary: 'List datasets',
      responses: { 200: z.object({ items: z.array(datasetSchema) }) },
      errors: [],
    }),
    get: defineRoute({
      service,
      method: 'GET',
      path: '/v1/datasets/:name',
      tags: ['datasets'],
      scope: 'read',
      summary: 'Get a dataset',
      params: datasetParamsSchema,
      responses: { 200: datasetSchema },
      errors: [400, 404],
    }),
    freeze: defineRoute({
      service,
      method: 'POST',
      path: '/v1/datasets/:name/versions',
      tags: ['datasets'],
      scope: 'train',
      summary: 'Freeze the next immutable version',
      params: datasetParamsSchema,
      responses: { 201: datasetVersionSchema },
      errors: [400, 404, 422],
    }),
    versions: defineRoute({
      service,
      method: 'GET',
      path: '/v1/datasets/:name/versions',
      tags: ['datasets'],
      scope: 'read',
      summary: 'List the versions',
      params: datasetParamsSchema,
      responses: { 200: z.object({ items: z.array(datasetVersionSchema) }) },
      errors: [400, 404],
    }),
    version: defineRoute({
      service,
      method: 'GET',
      path: '/v1/datasets/:name/versions/:version',
      tags: ['datasets'],
      scope: 'read',
      summary: 'Get a version',
      params: datasetVersionParamsSchema,
      responses: { 200: datasetVersionSchema },
      errors: [400, 404],
    }),
    records: defineRoute({
      service,
      method: 'GET',
      path: '/v1/datasets/:name/versions/:version/records',
      tags: ['datasets'],
      scope: 'read',
      summary: "Stream a version's records as JSON Lines ({documentId, textSha256, label, text, language?} per line)",
      params: datasetVersionParamsSchema,
      responses: {},
      stream: {
        kind: 'jsonl',
        record: datasetRecordSchema,
        headers: ['x-dataset-content-hash', 'x-dataset-record-count'],
      },
      errors: [400, 404],
    }),
  },
  processing: {
    retry: defineRoute({
      service,
      method: 'POST',
      path: '/v1/documents/:id(^[^:/]+)::retry',
      tags: ['documents'],
      scope: 'ingest',
      summary: 'Retry a failed document',
      description:
        'Puts a failed document back to `received` and sends it through processing again (202). Idempotent: a ' +
        'document already back in processing answers 202 as it is, without a second dispatch; a ready one 409.',
      params: documentParamsSchema,
      responses: { 202: documentSchema },
      errors: [400, 404, 409],
      idempotent: true,
    }),
  },
} as const;
