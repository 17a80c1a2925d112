import type { PageRoute } from '../page.js';

/** The registry's pages: models, a model's versions and aliases, the comparison of two versions. */
export const modelsPages: readonly PageRoute[] = [
  { path: '/models', load: () => import('./models-page.js').then((module) => module.ModelsPage) },
  { path: '/models/:name', load: () => import('./model-page.js').then((module) => module.ModelPage) },
  {
    path: '/models/:name/compare/:base/:candidate',
    load: () => import('./comparison-page.js').then((module) => module.ComparisonPage),
  },
];
