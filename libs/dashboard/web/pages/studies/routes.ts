import type { PageRoute } from '../page.js';

/** The studies pages: every study, and one study's trials, parallel coordinates and importances. */
export const studiesPages: readonly PageRoute[] = [
  { path: '/studies', load: () => import('./studies-page.js').then((module) => module.StudiesPage) },
  { path: '/studies/:id', load: () => import('./study-page.js').then((module) => module.StudyPage) },
];
