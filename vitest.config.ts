import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Workspace libraries resolve to their TypeScript sources, so tests need no build: `@mlops/x` to
 * libs/x/src/index.ts, a subpath export `@mlops/x/y` to libs/x/src/y.ts (as their `source` condition).
 */
const alias = [
  { find: /^@mlops\/([a-z-]+)$/, replacement: `${root}libs/$1/src/index.ts` },
  { find: /^@mlops\/([a-z-]+)\/([a-z-]+)$/, replacement: `${root}libs/$1/src/$2.ts` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/tests.json' },
    coverage: {
      provider: 'v8',
      include: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts'],
      // libs/cli is tested through its real binary as a child process (tests/e2e/cli.int-spec.ts),
      // which in-process v8 coverage cannot see; its unit specs alone would misstate it.
      exclude: ['**/*.spec.ts', '**/index.ts', 'services/*/src/server.ts', 'libs/cli/**'],
      reporter: ['text-summary', 'lcov', 'json-summary'],
      reportsDirectory: 'coverage',
      // The seed's target: 90% of lines overall, 95% in the shared libraries (checked on libs/ as a whole).
      thresholds: {
        lines: 90,
        statements: 88,
        functions: 85,
        branches: 75,
        'libs/*/src/**/*.ts': { lines: 95, statements: 93, functions: 90, branches: 80 },
      },
    },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/*/src/**/*.spec.ts', 'services/*/src/**/*.spec.ts', 'tools/**/*.spec.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['libs/*/test/**/*.int-spec.ts', 'services/*/test/**/*.int-spec.ts', 'tests/**/*.int-spec.ts'],
          exclude: [...configDefaults.exclude, 'tests/faults/**', 'tests/browser/**'],
          globalSetup: ['tools/vitest/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The fault suite stops and restarts servers and kills processes: scripts/test runs it on
        // its own, after the others, so that nothing else competes with its recovery deadlines.
        resolve: { alias },
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.int-spec.ts'],
          globalSetup: ['tools/vitest/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The browser suite starts the six services as processes and drives Chromium through every
        // page: scripts/test runs it on its own, after the fault suite, one file at a time.
        resolve: { alias },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.int-spec.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        resolve: { alias },
        test: { name: 'gates', include: ['tools/gates/**/*.gate-spec.ts'], testTimeout: 300_000 },
      },
    ],
  },
});
