import type { PageRoute } from '../page.js';

/** The datasets pages (placeholder until the area is built). */
export const datasetsPages: readonly PageRoute[] = [
  {
    path: '/datasets',
    load: () => import('../placeholder-page.js').then((module) => module.PlaceholderPage),
  },
];
