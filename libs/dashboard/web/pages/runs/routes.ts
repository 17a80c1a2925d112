import type { PageRoute } from '../page.js';

/** The runs pages (placeholder until the area is built). */
export const runsPages: readonly PageRoute[] = [
  {
    path: '/runs',
    load: () => import('../placeholder-page.js').then((module) => module.PlaceholderPage),
  },
];
