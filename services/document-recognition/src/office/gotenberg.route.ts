import { defineRoute } from '@mlops/contracts';

/**
 * gotenberg's LibreOffice route (a third-party container, not a service of the suite): office
 * files in as the multipart part `files`, one PDF out. Its errors are plain text, not problem+json.
 */
export const gotenbergConvertRoute = defineRoute({
  service: 'gotenberg',
  method: 'POST',
  path: '/forms/libreoffice/convert',
  tags: ['gotenberg'],
  scope: 'public',
  summary: 'Convert office files to PDF with LibreOffice',
  upload: {
    field: 'files',
    multiple: true,
    description: 'office files; gotenberg picks the reader by the extension of each file name',
  },
  responses: {},
  stream: { kind: 'file', mediaType: 'application/pdf' },
  errors: [],
  idempotent: true,
});
