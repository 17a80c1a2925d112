import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CliError, EXIT } from '../core/cli-error.js';

/**
 * Runs one of the repository's scripts (`scripts/up`, `scripts/infra stop`), its progress on our
 * stderr; its stdout too unless `quiet`. Fails with exit 1 naming the script when it fails.
 */
export function runScript(
  root: string,
  script: string,
  args: readonly string[],
  quiet: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(root, 'scripts', script), args, {
      cwd: root,
      env,
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    child.on('error', (error) => {
      reject(new CliError(EXIT.failure, `scripts/${script} could not start: ${error.message}`, 'SCRIPT_FAILED'));
    });
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else {
        const how = signal ? `was stopped by ${signal}` : `exited with ${code}`;
        reject(
          new CliError(
            EXIT.failure,
            `scripts/${script} ${[...args].join(' ')} ${how}`.replace(/\s+/g, ' '),
            'SCRIPT_FAILED',
          ),
        );
      }
    });
  });
}
