/**
 * Builds the published SDK: dist/index.js (esbuild, ESM) and dist/index.d.ts (rollup-plugin-dts),
 * the workspace packages (@mlops/contracts, @mlops/clients) inlined from their TypeScript sources
 * and the npm dependencies of package.json kept as imports.
 */
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const manifest = JSON.parse(await readFile(here('package.json'), 'utf8'));
const dependencies = Object.keys(manifest.dependencies ?? {});
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));
const WORKSPACE = /^@mlops\/([a-z-]+)$/;

await rm(here('dist'), { recursive: true, force: true });

/**
 * Marks the workspace sources free of side effects, so the schemas and helpers the SDK does not
 * export are left out of the bundle.
 */
const pureWorkspace = {
  name: 'pure-workspace',
  setup(builder) {
    builder.onResolve({ filter: /^(@mlops\/|\.)/ }, async (args) => {
      if (args.pluginData === 'pure-workspace') return undefined;
      const { path, errors } = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'pure-workspace',
      });
      if (errors.length > 0) return { errors };
      return { path, sideEffects: !path.startsWith(here('..')) || path.includes('/node_modules/') };
    });
  },
};

await build({
  entryPoints: [here('src/index.ts')],
  outfile: here('dist/index.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  external: dependencies.flatMap((name) => [name, `${name}/*`]),
  legalComments: 'eof',
  plugins: [pureWorkspace],
  logLevel: 'warning',
});

/** Resolves the workspace packages to their sources, so their declarations are inlined. */
const workspaceSources = {
  name: 'workspace-sources',
  resolveId(source) {
    const workspace = WORKSPACE.exec(source);
    if (workspace) return here(`../${workspace[1]}/src/index.ts`);
    if (source.startsWith('node:') || isDependency(source)) return { id: source, external: true };
    return null;
  },
};

const bundle = await rollup({
  input: here('src/index.ts'),
  plugins: [workspaceSources, dts({ tsconfig: here('tsconfig.json') })],
});
await bundle.write({ file: here('dist/index.d.ts'), format: 'es' });
await bundle.close();

for (const file of ['dist/index.js', 'dist/index.d.ts']) {
  // An import specifier, not prose: route descriptions may name @mlops/contracts.
  if (/(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]@mlops\//.test(await readFile(here(file), 'utf8'))) {
    throw new Error(`${file} still names a workspace package (@mlops/): it must be inlined`);
  }
}
