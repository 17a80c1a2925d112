import type { PageRoute } from '../page.js';

/** The documents pages: the filtered list (failed ones with their reasons and Retry), and one document. */
export const documentsPages: readonly PageRoute[] = [
  {
    path: '/documents',
    load: () => import('./documents-page.js').then((module) => module.DocumentsPage),
  },
  {
    path: '/documents/:id',
    load: () => import('./document-page.js').then((module) => module.DocumentPage),
  },
];
