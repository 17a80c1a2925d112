import type { PageRoute } from '../page.js';

/** The serving pages (placeholder until the area is built). */
export const servingPages: readonly PageRoute[] = [
  {
    path: '/serving',
    load: () => import('../placeholder-page.js').then((module) => module.PlaceholderPage),
  },
];
