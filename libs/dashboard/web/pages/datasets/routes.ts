import type { PageRoute } from '../page.js';

/** The datasets pages: definitions, and a dataset's frozen versions with what each step dropped. */
export const datasetsPages: readonly PageRoute[] = [
  { path: '/datasets', load: () => import('./datasets-page.js').then((module) => module.DatasetsPage) },
  { path: '/datasets/:name', load: () => import('./dataset-page.js').then((module) => module.DatasetPage) },
  {
    path: '/datasets/:name/versions/:version',
    load: () => import('./dataset-page.js').then((module) => module.DatasetPage),
  },
];
