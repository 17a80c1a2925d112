import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnService, waitFor, type ServiceProcess } from '@mlops/testing';

/**
 * The key of the fault suite: feature-store stores it as its bootstrap admin key, every service
 * presents it to the others, and the tests send it with every call.
 */
export const FAULT_KEY = `mlk_faults${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`;

/** The `authorization` header carrying `FAULT_KEY`. */
export const AUTHORIZATION = { authorization: `Bearer ${FAULT_KEY}` } as const;

/** A service of the suite run as its own process from source, which a test can kill and start again. */
export class RunningService {
  private process: ServiceProcess | undefined;
  private readonly outputs: string[] = [];

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts `services/<name>` on `port` (a free one by default) with `env`; resolves once `/readyz` answers 200. */
  static async start(name: string, env: Record<string, string>, port?: number): Promise<RunningService> {
    port ??= await freePort();
    const service = new RunningService(name, `http://127.0.0.1:${port}`, {
      LOG_LEVEL: 'info',
      API_KEY: FAULT_KEY,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await service.launch();
    return service;
  }

  /** The pid of the process running now. */
  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  /** What every process of this service printed so far. */
  output(): string {
    return [...this.outputs, this.process?.output() ?? ''].join('\n');
  }

  /** Sends `signal` and waits for the process to exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.process?.child;
    if (child === undefined) return;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await once(child, 'exit');
  }

  /** Starts a new process of the service on the same port (after `kill`). */
  async restart(): Promise<void> {
    await this.launch();
  }

  /** Whether `/readyz` answers 200 now. */
  async ready(): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(
      () => undefined,
    );
    return response?.ok ?? false;
  }

  /** Calls the service and parses the JSON answer (a test, not a client: the caller states the type). */
  async json<T>(path: string, init?: RequestInit, _shape?: T): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), ...AUTHORIZATION },
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Kills the process and keeps its output in the temp folder (`mlops-faults-<name>.log`). */
  async dispose(): Promise<void> {
    await this.kill('SIGKILL');
    writeFileSync(join(tmpdir(), `mlops-faults-${this.name}.log`), this.output());
  }

  private async launch(): Promise<void> {
    if (this.process) this.outputs.push(this.process.output());
    const started = spawnService(fileURLToPath(new URL(`../../../services/${this.name}/`, import.meta.url)), this.env);
    this.process = started;
    await waitFor(async () => ((await this.ready()) ? true : undefined), 90_000, 250).catch((error: unknown) => {
      throw new Error(`${this.name} did not become ready: ${String(error)}\n${started.output().slice(-3000)}`);
    });
  }
}
