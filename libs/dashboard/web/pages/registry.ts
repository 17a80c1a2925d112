import { datasetsPages } from './datasets/routes.js';
import { documentsPages } from './documents/routes.js';
import { labellingPages } from './labelling/routes.js';
import { modelsPages } from './models/routes.js';
import type { PageRoute } from './page.js';
import { runsPages } from './runs/routes.js';
import { servingPages } from './serving/routes.js';
import { studiesPages } from './studies/routes.js';

/** Every page of the dashboard; a URL no pattern matches shows the not-found page. */
export const PAGES: readonly PageRoute[] = [
  ...runsPages,
  ...modelsPages,
  ...datasetsPages,
  ...labellingPages,
  ...studiesPages,
  ...servingPages,
  ...documentsPages,
];
