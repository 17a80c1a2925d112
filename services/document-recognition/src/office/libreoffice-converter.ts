import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { recognitionErrors } from '../errors.js';
import type { OfficeConverter } from './converter.js';

/** Resolves an executable given as a path or as a name on PATH; undefined when there is none. */
export async function findExecutable(command: string): Promise<string | undefined> {
  const candidates =
    isAbsolute(command) || command.includes('/')
      ? [command]
      : (process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

function run(
  executable: string,
  args: string[],
  signal: AbortSignal,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    const kill = () => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    };
    signal.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      signal.removeEventListener('abort', kill);
      reject(error);
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', kill);
      resolve({ code, stderr });
    });
  });
}

/**
 * Converts office files with a local LibreOffice (`soffice --headless --convert-to pdf`), each
 * in its own temporary folder and user profile so that conversions can run side by side. An
 * abort kills the whole process group.
 */
export class LibreOfficeConverter implements OfficeConverter {
  readonly name = 'libreoffice';

  constructor(
    private readonly executable: string,
    private readonly logger: FastifyBaseLogger,
  ) {}

  async toPdf(bytes: Buffer, extension: string, signal: AbortSignal): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'mlops-soffice-'));
    try {
      const input = join(dir, `document.${extension}`);
      await writeFile(input, bytes);
      const args = [
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--nologo',
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ];
      const started = performance.now();
      const result = await run(this.executable, args, signal).catch((error: unknown) => {
        throw recognitionErrors.converterFailed(
          `LibreOffice did not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      signal.throwIfAborted();
      this.logger.debug({ ms: Math.round(performance.now() - started), code: result.code }, 'LibreOffice conversion');
      try {
        return await readFile(join(dir, 'document.pdf'));
      } catch {
        if (result.code !== 0) {
          throw recognitionErrors.converterFailed(`LibreOffice exited with ${result.code}: ${result.stderr.trim()}`);
        }
        throw recognitionErrors.conversionFailed('LibreOffice could not read the file (it wrote no PDF)');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
