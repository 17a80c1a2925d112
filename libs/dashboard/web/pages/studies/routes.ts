import type { PageRoute } from '../page.js';

/** The studies pages (placeholder until the area is built). */
export const studiesPages: readonly PageRoute[] = [
  {
    path: '/studies',
    load: () => import('../placeholder-page.js').then((module) => module.PlaceholderPage),
  },
];
