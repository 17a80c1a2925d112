import type { PageRoute } from '../page.js';

/** The documents pages (placeholder until the area is built). */
export const documentsPages: readonly PageRoute[] = [
  {
    path: '/documents',
    load: () => import('../placeholder-page.js').then((module) => module.PlaceholderPage),
  },
];
