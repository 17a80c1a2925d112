import { homedir } from 'node:os';
import { runCli } from './run-cli.js';

/**
 * A reader that stops early (`mlops models list | head -3`) closes the pipe: the CLI stops quietly
 * then, as Unix tools do, instead of dying on EPIPE with a stack trace.
 */
function exitWhenThePipeCloses(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
}
process.stdout.on('error', exitWhenThePipeCloses);
process.stderr.on('error', exitWhenThePipeCloses);

/** The `mlops` binary: runs the CLI on the process's arguments and exits with its code. */
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
  setTimeout(() => process.exit(130), 2000).unref();
});
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  home: homedir(),
  signal: controller.signal,
});
process.exitCode = code;
