import { CommanderError } from '@commander-js/extra-typings';
import { UpstreamError } from '@mlops/clients';
import { createColors } from 'picocolors';
import { CliError, EXIT } from './core/cli-error.js';
import type { CliIo } from './core/io.js';
import { colorEnabled } from './output/output.js';
import { buildProgram } from './program.js';

interface ErrorReport {
  readonly exitCode: number;
  readonly code: string;
  readonly message: string;
  readonly details: readonly string[];
  readonly reported: boolean;
}

function reportOf(error: unknown, env: NodeJS.ProcessEnv): ErrorReport {
  if (error instanceof CliError) {
    return {
      exitCode: error.exitCode,
      code: error.code,
      message: error.message,
      details: error.details,
      reported: error.reported,
    };
  }
  if (error instanceof UpstreamError) {
    const fields = error.fieldErrors.map((field) => `${field.pointer}: ${field.message}`);
    // A validation problem's detail is its fields joined by "; ": they are printed once, a line each.
    const detailIsFields = fields.length > 0 && error.detail.split('; ').every((part) => fields.includes(part));
    return {
      exitCode: EXIT.failure,
      code: error.code,
      message: `${error.service} ${error.status === undefined ? 'failed' : `answered ${error.status}`}: ${error.code}${detailIsFields ? '' : `: ${error.detail}`}`,
      details: [...fields, ...(error.requestId ? [`request id ${error.requestId}`] : [])],
      reported: false,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = env.MLOPS_DEBUG && error instanceof Error && error.stack ? [error.stack] : [];
  return {
    exitCode: EXIT.failure,
    code: 'UNEXPECTED',
    message: `unexpected error: ${message}`,
    details: stack,
    reported: false,
  };
}

/**
 * Runs `mlops` with `argv` (without node and the script) and returns its exit code; nothing is
 * thrown. Usage errors exit 2, with the usage; other failures print one line (and their details)
 * on stderr and, with `--json`, `{"error": {...}}` on stdout.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    const report = reportOf(error, io.env);
    const json = argv.includes('--json');
    if (json && !report.reported) {
      io.stdout.write(
        `${JSON.stringify({ error: { code: report.code, message: report.message, details: report.details } }, null, 2)}\n`,
      );
    }
    const c = createColors(
      colorEnabled({
        json: false,
        noColor: argv.includes('--no-color'),
        env: io.env,
        stdout: io.stderr,
        stderr: io.stderr,
      }),
    );
    io.stderr.write(`${c.red('error:')} ${report.message}\n`);
    for (const line of report.details) io.stderr.write(`  ${line}\n`);
    return report.exitCode;
  }
}
