// Bundles the dashboard (web/main.tsx) with esbuild into dist/web: index.html, and under assets/
// hashed ES modules split by page (vega and vega-lite only in the chunk of the chart component)
// and one stylesheet. Writes dist/bundle.json: the first page's files, for the size budget.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist', 'web');
const assets = join(out, 'assets');

await rm(out, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { main: 'web/main.tsx' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  conditions: ['source'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: assets,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: '[name]-[hash]',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});

const outputs = result.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'web/main.tsx');
if (!entry) throw new Error('esbuild wrote no entry for web/main.tsx');
const css = outputs[entry].cssBundle;
const url = (file) => `/${relative(out, join(here, file)).split('\\').join('/')}`;

/** The entry and the chunks it imports statically: what the browser loads for the first page. */
function firstPage(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of outputs[file].imports)
    if (imported.kind === 'import-statement') firstPage(imported.path, seen);
  return seen;
}

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <title>MLOps suite</title>
    ${css ? `<link rel="stylesheet" href="${url(css)}" />` : ''}
    <script type="module" src="${url(entry)}"></script>
  </head>
  <body>
    <div id="app"></div>
    <noscript>The dashboard needs JavaScript.</noscript>
  </body>
</html>
`;
await writeFile(join(out, 'index.html'), html);
await writeFile(
  join(here, 'dist', 'bundle.json'),
  `${JSON.stringify({ entry: url(entry), css: css ? url(css) : null, firstPage: [...firstPage(entry)].map(url), all: Object.keys(outputs).map(url) }, null, 2)}\n`,
);
