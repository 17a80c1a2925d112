import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

const run = promisify(execFile);
const INFRA_SCRIPT = fileURLToPath(new URL('../../../scripts/infra', import.meta.url));
const AUTHORIZATION = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

/** The ports of the fault suite's own servers, away from the shared pair (27018/5673/15673). */
const PORTS = {
  mongo: Number(process.env.MLOPS_FAULTS_MONGO_PORT ?? '27118'),
  amqp: Number(process.env.MLOPS_FAULTS_AMQP_PORT ?? '5773'),
  management: Number(process.env.MLOPS_FAULTS_AMQP_MGMT_PORT ?? '15773'),
};

type Server = 'mongo' | 'amqp';

/**
 * A MongoDB-wire server and a RabbitMQ node of the fault suite's own (`scripts/infra` with its own
 * state folder and ports), which the tests stop and start; one database and one vhost per run.
 */
export class FaultInfra {
  readonly dbName = `faults_${randomBytes(4).toString('hex')}`;
  readonly vhost = this.dbName;
  readonly mongoUrl = `mongodb://127.0.0.1:${PORTS.mongo}`;
  readonly amqpUrl = `amqp://guest:guest@127.0.0.1:${PORTS.amqp}/${this.vhost}`;
  private readonly stateDir = process.env.MLOPS_FAULTS_INFRA_DIR ?? join(tmpdir(), 'mlops-faults-infra');

  /** What a connected service's config reads to use this pair. */
  get env(): Record<string, string> {
    return { MONGO_URL: this.mongoUrl, MONGO_DB: this.dbName, AMQP_URL: this.amqpUrl };
  }

  /** Starts both servers (reusing running ones) and creates the run's vhost. */
  async up(): Promise<void> {
    await this.script('start');
    await this.management('PUT', `/api/vhosts/${this.vhost}`, {});
    await this.management('PUT', `/api/permissions/${this.vhost}/guest`, { configure: '.*', write: '.*', read: '.*' });
  }

  /** Stops one server, as an operator would (SIGTERM, `rabbitmqctl stop`). */
  async stop(server: Server): Promise<void> {
    await this.script('stop', server);
  }

  /** Starts one server again; resolves once it answers. */
  async start(server: Server): Promise<void> {
    await this.script('start', server);
  }

  /** Messages (ready and unacked) in a queue of the run's vhost. */
  async depth(queue: string): Promise<number> {
    const body = (await this.management('GET', `/api/queues/${this.vhost}/${encodeURIComponent(queue)}`)) as {
      messages?: number;
    };
    return body.messages ?? 0;
  }

  /** A client of the run's database, for the test's own checks. */
  async withDb<T>(work: (client: MongoClient) => Promise<T>): Promise<T> {
    const client = new MongoClient(this.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }

  /** Drops the run's database and vhost, then stops both servers. */
  async down(): Promise<void> {
    await this.withDb((client) => client.db(this.dbName).dropDatabase()).catch(() => undefined);
    await this.management('DELETE', `/api/vhosts/${this.vhost}`).catch(() => undefined);
    await this.script('stop');
  }

  private async management(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${PORTS.management}${path}`, {
      method,
      headers: { authorization: AUTHORIZATION, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  private async script(...args: string[]): Promise<void> {
    await run(INFRA_SCRIPT, args, {
      timeout: 5 * 60_000,
      env: {
        ...process.env,
        MLOPS_INFRA_DIR: this.stateDir,
        MLOPS_MONGO_PORT: String(PORTS.mongo),
        MLOPS_AMQP_PORT: String(PORTS.amqp),
        MLOPS_AMQP_MGMT_PORT: String(PORTS.management),
        MLOPS_MONGO_IMPL: process.env.MLOPS_FAULTS_MONGO_IMPL ?? 'h2',
      },
    });
  }
}
