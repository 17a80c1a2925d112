/**
 * Module boundaries of the suite (see wiki/Architecture.md):
 * libs never import services, services never import each other, each lib imports only the libs
 * the order below allows (wiki/Architecture.md, "Libraries"), libs/ml and libs/text import no
 * I/O library, the clients and the SDK import no server-side library, packages are entered only
 * through their index (services, libs, bench, tools and tests alike), and production code never
 * imports the testing lib.
 */

/** The internal libraries each library may import; `testing` (real servers for tests) may import any. */
const LIB_ORDER = {
  config: [],
  contracts: [],
  logger: [],
  http: ['contracts', 'logger'],
  messaging: ['contracts', 'logger'],
  mongo: ['logger'],
  runtime: ['config', 'http', 'logger', 'messaging', 'mongo'],
  text: ['contracts'],
  charts: [],
  dashboard: ['charts', 'contracts'],
  ml: ['contracts', 'text'],
  'model-runtime': ['ml'],
  clients: ['contracts'],
  sdk: ['clients', 'contracts'],
  cli: ['clients', 'contracts'],
};

const SERVER_PACKAGES = '(mongodb|amqplib|fastify|@fastify/|fastify-plugin|pino|close-with-grace|prom-client)';

/** One rule per library: what its code (tests aside, they may use libs/testing) imports of the others must be in LIB_ORDER. */
const libOrderRules = Object.entries(LIB_ORDER).map(([lib, allowed]) => ({
  name: `lib-order-${lib}`,
  comment: `libs/${lib} may import ${allowed.length ? allowed.map((name) => `libs/${name}`).join(', ') : 'no other internal library'} (wiki/Architecture.md).`,
  severity: 'error',
  from: { path: `^libs/${lib}/`, pathNot: '(^libs/[^/]+/test/|\\.spec\\.ts$)' },
  to: { path: '^libs/', pathNot: `^libs/(${[lib, ...allowed].join('|')})/` },
}));
const IO_PACKAGES = '(mongodb|amqplib|fastify|@fastify/|undici|axios|pino)';
const IO_MODULES = `^(node:)?(fs|net|http|https|http2|dgram|child_process|cluster|worker_threads)(/|$)|^${IO_PACKAGES}|(^|/)node_modules/${IO_PACKAGES}`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-not-to-services',
      comment:
        'Shared libraries never depend on a service. (The packed-SDK test serves a model with the inference test support.)',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/sdk/test/' },
      to: { path: '^services/' },
    },
    {
      name: 'services-not-to-other-services',
      comment: 'A service never imports another service; they talk over HTTP and RabbitMQ.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    ...libOrderRules,
    {
      name: 'ml-is-pure',
      comment: 'libs/ml is pure: no I/O library, so it runs without any server in trainer and inference alike.',
      severity: 'error',
      from: { path: '^libs/ml/' },
      to: { path: IO_MODULES },
    },
    {
      name: 'clients-import-no-server-library',
      comment:
        'libs/clients and the SDK run inside other applications: no database, broker, HTTP-server or logging package.',
      severity: 'error',
      from: { path: '^libs/(clients|sdk)/src/' },
      to: { path: `^${SERVER_PACKAGES}|(^|/)node_modules/${SERVER_PACKAGES}` },
    },
    {
      name: 'text-is-pure',
      comment: 'libs/text (tokeniser, normalisation) is shared by nlp and libs/ml: no I/O library.',
      severity: 'error',
      from: { path: '^libs/text/' },
      to: { path: IO_MODULES },
    },
    {
      name: 'no-deep-imports',
      comment:
        'Other packages are entered through their index or a subpath their package.json exports ' +
        '(import "@mlops/x" or "@mlops/ml/serving", never a file inside it).',
      severity: 'error',
      from: { path: '^(libs|services|bench|tools|tests)/([^/]+)/' },
      to: {
        path: '^libs/([^/]+)/',
        pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$', '^libs/ml/src/(steps|serving)\\.ts$'],
      },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'The testing library (real servers for tests) is never part of production code.',
      severity: 'error',
      from: { path: '^(libs|services)/[^/]+/src/', pathNot: ['^libs/testing/', '\\.spec\\.ts$'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a deep import into another package does not).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
