import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the test servers answer. */
export interface Infrastructure {
  readonly mongoUrl: string;
  readonly amqpUrl: string;
  /** RabbitMQ management API (`http://user:pass@host:port`), used to create one vhost per suite. */
  readonly amqpManagementUrl: string;
  readonly source: 'environment' | 'testcontainers' | 'local-scripts';
}

/** Something to stop when the test run ends (containers started for it). */
type Stopper = () => Promise<void>;

/** Finds the monorepo root (the folder holding pnpm-workspace.yaml) from the working directory. */
export function repoRoot(from: string = process.cwd()): string {
  let current = from;
  while (!existsSync(join(current, 'pnpm-workspace.yaml'))) {
    const parent = dirname(current);
    if (parent === current) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    current = parent;
  }
  return current;
}

/** The management URL of a broker when only its AMQP URL is known: same host and credentials, port 15672. */
export function managementUrlFor(amqpUrl: string): string {
  const url = new URL(amqpUrl);
  const credentials = url.username ? `${url.username}:${url.password}@` : 'guest:guest@';
  return `http://${credentials}${url.hostname}:15672`;
}

function fromEnvironment(env: NodeJS.ProcessEnv): Infrastructure | undefined {
  const mongoUrl = env.MONGO_URL;
  const amqpUrl = env.AMQP_URL;
  if (!mongoUrl || !amqpUrl) return undefined;
  return {
    mongoUrl,
    amqpUrl,
    amqpManagementUrl: env.AMQP_MANAGEMENT_URL ?? managementUrlFor(amqpUrl),
    source: 'environment',
  };
}

async function dockerAnswers(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

async function fromTestcontainers(): Promise<[Infrastructure, Stopper]> {
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
  const [mongo, rabbit] = await Promise.all([
    new MongoDBContainer('mongo:7').start(),
    new RabbitMQContainer('rabbitmq:3-management').start(),
  ]);
  const amqpUrl = `amqp://guest:guest@${rabbit.getHost()}:${rabbit.getMappedPort(5672)}`;
  const infrastructure: Infrastructure = {
    mongoUrl: mongo.getConnectionString(),
    amqpUrl,
    amqpManagementUrl: `http://guest:guest@${rabbit.getHost()}:${rabbit.getMappedPort(15672)}`,
    source: 'testcontainers',
  };
  return [
    infrastructure,
    async () => {
      await Promise.all([mongo.stop(), rabbit.stop()]);
    },
  ];
}

/** Parses the `KEY=value` lines `scripts/infra start` prints. */
export function parseInfraOutput(stdout: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) values[match[1]] = match[2];
  }
  return values;
}

async function fromLocalScripts(root: string): Promise<Infrastructure> {
  const { stdout } = await run(join(root, 'scripts', 'infra'), ['start'], {
    timeout: 15 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const values = parseInfraOutput(stdout);
  const mongoUrl = values.MONGO_URL;
  const amqpUrl = values.AMQP_URL;
  const amqpManagementUrl = values.AMQP_MANAGEMENT_URL;
  if (!mongoUrl || !amqpUrl || !amqpManagementUrl) throw new Error(`scripts/infra start printed no URLs:\n${stdout}`);
  return { mongoUrl, amqpUrl, amqpManagementUrl, source: 'local-scripts' };
}

/**
 * Gives the test run a MongoDB and a RabbitMQ: the ones named by MONGO_URL/AMQP_URL when set;
 * else containers when a Docker engine answers; else the local servers of `scripts/infra`
 * (started when not running). Returns a stopper for whatever it started itself.
 */
export async function provideInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<[Infrastructure, Stopper]> {
  const given = fromEnvironment(env);
  if (given) return [given, () => Promise.resolve()];
  if (await dockerAnswers()) return fromTestcontainers();
  return [await fromLocalScripts(repoRoot()), () => Promise.resolve()];
}
