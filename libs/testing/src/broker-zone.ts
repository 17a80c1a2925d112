import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@mlops/logger';
import { Broker, type Topology } from '@mlops/messaging';
import { z } from 'zod';
import { createTestEnvironment } from './test-environment.js';

const PERMISSIONS_FILE = fileURLToPath(new URL('../../../deploy/compose/rabbitmq/permissions.tsv', import.meta.url));

/** Consumes one message of a queue, failing its first attempt so that it goes through the retry queue. */
async function consumeAfterOneRetry(broker: Broker, queue: string): Promise<boolean> {
  let resolve: (consumed: boolean) => void = () => undefined;
  const consumed = new Promise<boolean>((settle) => (resolve = settle));
  const timer = setTimeout(() => resolve(false), 10_000);
  await broker.consume({
    queue,
    schema: z.object({}),
    prefetch: 1,
    retryDelayMs: () => 50,
    handler: (_message, context) => {
      if (context.attempt === 1) throw new Error('first attempt fails on purpose');
      clearTimeout(timer);
      resolve(true);
      return Promise.resolve();
    },
  });
  return consumed;
}

/** What one service's RabbitMQ user may configure, write and read (a row of permissions.tsv). */
interface BrokerPermissions {
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

/** The permission rows of deploy/compose/rabbitmq/permissions.tsv, by service. */
export async function readBrokerPermissions(): Promise<ReadonlyMap<string, BrokerPermissions>> {
  const rows = new Map<string, BrokerPermissions>();
  for (const line of (await readFile(PERMISSIONS_FILE, 'utf8')).split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [service, configure, write, read] = line.split('\t');
    if (!service || !configure || !write || !read) throw new Error(`permissions.tsv: malformed line "${line}"`);
    rows.set(service, { configure, write, read });
  }
  return rows;
}

/** What a service's user managed, and how the broker answered its attempt on a foreign queue. */
export interface BrokerZoneOutcome {
  /** The service's own topology was declared and a work message and an event were confirmed. */
  readonly ownWorkConfirmed: boolean;
  /** The work message was consumed after one failed attempt (a republish through `<queue>.retry`). */
  readonly consumedAfterRetry: boolean;
  readonly eventConfirmed: boolean;
  /** The error the broker gave when the same user declared a queue of another service. */
  readonly foreignRefusal: string | undefined;
}

/**
 * Runs a service's real topology and publishes through the real `Broker` as a RabbitMQ user
 * holding exactly that service's row of permissions.tsv (in a fresh vhost on the test
 * server), then tries to declare another service's queue as the same user.
 */
export async function checkBrokerZone(options: {
  readonly service: string;
  readonly topology: Topology;
  readonly foreignTopology: Topology;
}): Promise<BrokerZoneOutcome> {
  const permissions = (await readBrokerPermissions()).get(options.service);
  if (!permissions) throw new Error(`permissions.tsv has no row for ${options.service}`);
  const environment = await createTestEnvironment(`zone ${options.service}`);
  const user = `${options.service}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await environment.rabbit.createUser(user, password);
  await environment.rabbit.setPermissions(environment.vhost, user, permissions);
  const url = new URL(environment.amqpUrl);
  url.username = user;
  url.password = password;
  const logger = createLogger({ service: 'broker-zone', level: 'silent' });
  const connect = (topology: Topology): Promise<Broker> =>
    Broker.connect({ url: url.toString(), logger, connectionName: user, topology, initialAttempts: 1 });
  try {
    const broker = await connect(options.topology);
    const workQueue = options.topology.queues[0]?.queue;
    let ownWorkConfirmed = false;
    let eventConfirmed = false;
    let consumedAfterRetry = false;
    try {
      if (workQueue) {
        ownWorkConfirmed = Boolean(await broker.publishWork(workQueue, z.object({}), {}));
        consumedAfterRetry = await consumeAfterOneRetry(broker, workQueue);
      }
      eventConfirmed = Boolean(await broker.publishEvent('zone.checked', z.object({}), {}));
    } finally {
      await broker.close({ graceful: false });
    }
    const foreignRefusal = await connect(options.foreignTopology).then(
      async (foreign) => {
        await foreign.close({ graceful: false });
        return undefined;
      },
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    return { ownWorkConfirmed, consumedAfterRetry, eventConfirmed, foreignRefusal };
  } finally {
    await environment.rabbit.deleteUser(user);
    await environment.dispose();
  }
}
