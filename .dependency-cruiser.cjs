/**
 * Module boundaries of the suite (see wiki/Architecture.md):
 * libs never import services, services never import each other, contracts and config import
 * no other internal lib, libs/ml imports no I/O library, packages are entered only through
 * their index, and production code never imports the testing lib.
 */
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
    {
      name: 'contracts-and-config-are-leaves',
      comment: 'libs/contracts and libs/config import no other internal library.',
      severity: 'error',
      from: { path: '^libs/(contracts|config)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      name: 'ml-is-pure',
      comment: 'libs/ml is pure: no I/O library, so it runs without any server in trainer and inference alike.',
      severity: 'error',
      from: { path: '^libs/ml/' },
      to: { path: IO_MODULES },
    },
    {
      name: 'ml-imports-only-contracts',
      comment: 'libs/ml may import libs/contracts and libs/text only.',
      severity: 'error',
      from: { path: '^libs/ml/' },
      to: { path: '^libs/', pathNot: '^libs/(ml|contracts|text)/' },
    },
    {
      name: 'text-is-pure',
      comment:
        'libs/text (tokeniser, normalisation) is shared by nlp and libs/ml: no I/O; of the internal libs only contracts (its option schemas).',
      severity: 'error',
      from: { path: '^libs/text/' },
      to: { path: [IO_MODULES, '^libs/(?!(text|contracts)/)'] },
    },
    {
      name: 'no-deep-imports',
      comment:
        'Other packages are entered through their index or a subpath their package.json exports ' +
        '(import "@mlops/x" or "@mlops/ml/serving", never a file inside it).',
      severity: 'error',
      from: { path: '^(libs|services)/([^/]+)/' },
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
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
