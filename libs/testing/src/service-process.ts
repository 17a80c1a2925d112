import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A service process started from source, with everything it printed so far. */
export interface ServiceProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
}

/**
 * Starts a service's `src/server.ts` from source as its own process, the way `pnpm dev` runs it
 * (`serviceDir` is the service's folder; `env` goes over this process's environment), collecting
 * what it prints.
 */
export function spawnService(serviceDir: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/server.ts'], {
    cwd: serviceDir,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
