import type { PageRoute } from '../page.js';

/** The labelling pages (placeholder until the area is built). */
export const labellingPages: readonly PageRoute[] = [
  {
    path: '/labelling',
    load: () => import('../placeholder-page.js').then((module) => module.PlaceholderPage),
  },
];
