/**
 * The exit codes of `mlops`, which scripts may rely on:
 * 0 done; 1 the operation failed (a job failed, documents failed, an input file is invalid, the
 * service refused the request); 2 usage (unknown command or flag, bad flag value, invalid CLI
 * configuration or profile); 3 a service is unreachable; 4 the API key is missing or refused;
 * 5 timed out waiting; 130 interrupted (Ctrl-C) while waiting, the work going on server-side.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unreachable: 3,
  auth: 4,
  timeout: 5,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI explains in one line (or a few) and exits with, never a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** Machine-readable code for `--json` output. */
    readonly code = 'CLI_ERROR',
    /** More lines shown under the message (field errors, hints). */
    readonly details: readonly string[] = [],
    /** The command already printed its result (with `--json`, the document on stdout): only the exit code is left. */
    readonly reported = false,
  ) {
    super(message);
  }
}
