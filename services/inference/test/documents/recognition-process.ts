import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, spawnService, startStandInKeyOwner, waitFor } from '@mlops/testing';

const recognitionRoot = fileURLToPath(new URL('../../../document-recognition', import.meta.url));

/** A document-recognition process started from source for a test. */
export interface RecognitionProcess {
  readonly url: string;
  /** What it printed, for a failure message. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL if it is still there after 10 s) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts the real document-recognition (`src/server.ts`, the way `pnpm dev` runs it) on a free
 * loopback port, checking callers' keys at a stand-in key owner (the test keys), and waits until
 * `/readyz` answers 200.
 */
export async function startRecognition(env: Record<string, string> = {}): Promise<RecognitionProcess> {
  const port = await freePort();
  const keyOwner = await startStandInKeyOwner();
  const { child, output } = spawnService(recognitionRoot, {
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...keyOwner.env,
    ...env,
  });
  const exited = once(child, 'exit');
  const killOnExit = () => child.kill('SIGKILL');
  // A test run that ends without stop() (a hook timing out) must not leave the process behind.
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await keyOwner.stop();
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    const exitedEarly = exited.then(([code]: unknown[]) => {
      throw new Error(`exited with ${String(code)}`);
    });
    exitedEarly.catch(() => undefined);
    await Promise.race([
      waitFor(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 60_000),
      exitedEarly,
    ]);
  } catch (error) {
    await stop();
    throw new Error(`document-recognition did not become ready: ${String(error)}\n${output()}`);
  }
  return { url, output, stop };
}
