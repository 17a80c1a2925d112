import type { PageRoute } from '../page.js';

/** The serving pages: the models inference serves, and one model's traffic, accuracy, drift and rollout. */
export const servingPages: readonly PageRoute[] = [
  { path: '/serving', load: () => import('./serving-page.js').then((module) => module.ServingPage) },
  { path: '/serving/:name', load: () => import('./served-model-page.js').then((module) => module.ServedModelPage) },
];
