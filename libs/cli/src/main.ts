import { homedir } from 'node:os';
import { runCli } from './run-cli.js';

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
