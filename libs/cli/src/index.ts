export { runCli } from './run-cli.js';
export { buildProgram } from './program.js';
export { EXIT, CliError, type ExitCode } from './core/cli-error.js';
export type { CliIo } from './core/io.js';
