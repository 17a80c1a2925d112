import { datasetRecordSchema, datasetVersionParamsSchema } from '../datasets.js';
import { defineRoute } from '../route.js';

const service = 'feature-store';

/** The routes of feature-store. */
export const featureStoreRoutes = {
  datasets: {
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
} as const;
