import type { PageRoute } from '../page.js';

/** The labelling page: a task's queue, keyboard-first, with the model's suggestions. */
export const labellingPages: readonly PageRoute[] = [
  {
    path: '/labelling',
    load: () => import('./labelling-page.js').then((module) => module.LabellingPage),
  },
];
