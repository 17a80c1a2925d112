import type { PageRoute } from '../page.js';

/** The runs pages: training jobs with their outcome, and one run with its live curve, metrics and errors. */
export const runsPages: readonly PageRoute[] = [
  { path: '/runs', load: () => import('./runs-page.js').then((module) => module.RunsPage) },
  { path: '/runs/:id', load: () => import('./run-page.js').then((module) => module.RunPage) },
];
