import { fileURLToPath } from 'node:url';

/**
 * Absolute path of the built dashboard (`index.html` and `assets/`), written by `pnpm build`
 * (libs/dashboard/build.mjs) to libs/dashboard/dist/web; the reporter serves it at `/`.
 */
export const dashboardAssetsDir = fileURLToPath(new URL('../dist/web/', import.meta.url));
