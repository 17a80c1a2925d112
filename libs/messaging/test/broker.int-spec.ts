import { createLogger } from '@mlops/logger';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { connect } from 'amqplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Broker,
  BrokerUnavailableError,
  PermanentMessageError,
  queueNames,
  type BrokerOptions,
  type MessageContext,
} from '../src/index.js';

const QUEUE = 'demo.work';
const schema = z.strictObject({ n: z.number().int() });
type Message = z.infer<typeof schema>;
const silent = createLogger({ service: 'broker-test', level: 'silent' });

describe('Broker against RabbitMQ', () => {
  let environment: TestEnvironment;
  const brokers: Broker[] = [];

  beforeEach(async () => {
    environment = await createTestEnvironment('messaging');
  });

  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((broker) => broker.close({ drainTimeoutMs: 1000 })));
    await environment.dispose();
  });

  async function open(overrides: Partial<BrokerOptions> = {}): Promise<Broker> {
    const broker = await Broker.connect({
      url: environment.amqpUrl,
      logger: silent,
      connectionName: 'broker-test',
      topology: { queues: [{ queue: QUEUE }] },
      reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
      ...overrides,
    });
    brokers.push(broker);
    return broker;
  }

  const depth = (queue: string) => environment.rabbit.queueDepth(environment.vhost, queue);

  async function readDeadLetters(): Promise<{ body: string; headers: Record<string, unknown> }[]> {
    const connection = await connect(environment.amqpUrl);
    const channel = await connection.createChannel();
    const found: { body: string; headers: Record<string, unknown> }[] = [];
    for (;;) {
      const message = await channel.get(queueNames(QUEUE).deadLetter, { noAck: true });
      if (!message) break;
      found.push({
        body: message.content.toString(),
        headers: message.properties.headers ?? {},
      });
    }
    await connection.close();
    return found;
  }

  it('publishes with confirms and delivers validated messages with their context', async () => {
    const broker = await open();
    const seen: [Message, MessageContext][] = [];
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 2,
      handler: (message, context) => {
        seen.push([message, context]);
        return Promise.resolve();
      },
    });
    const messageId = await broker.publishWork(QUEUE, schema, { n: 1 }, { requestId: 'req-7' });
    await waitFor(() => (seen.length === 1 ? true : undefined));
    const [message, context] = seen[0] ?? [];
    expect(message).toEqual({ n: 1 });
    expect(context).toMatchObject({ messageId, attempt: 1, redelivered: false, requestId: 'req-7' });
  });

  it('refuses to publish a payload that breaks its contract', async () => {
    const broker = await open();
    await expect(broker.publishWork(QUEUE, schema, { n: 1.5 })).rejects.toThrow();
  });

  it('never hands a consumer more unacked messages than its prefetch', async () => {
    const broker = await open();
    let active = 0;
    let peak = 0;
    let done = 0;
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 2,
      handler: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 30));
        active -= 1;
        done += 1;
      },
    });
    await Promise.all(Array.from({ length: 10 }, (_, n) => broker.publishWork(QUEUE, schema, { n })));
    await waitFor(() => (done === 10 ? true : undefined));
    expect(peak).toBe(2);
  });

  it('retries a failing message after a delay with the next attempt number, then succeeds', async () => {
    const broker = await open();
    const attempts: number[] = [];
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 1,
      retryDelayMs: () => 100,
      handler: (_message, context) => {
        attempts.push(context.attempt);
        return context.attempt < 3 ? Promise.reject(new Error('flaky')) : Promise.resolve();
      },
    });
    await broker.publishWork(QUEUE, schema, { n: 1 });
    await waitFor(() => (attempts.length === 3 ? true : undefined));
    expect(attempts).toEqual([1, 2, 3]);
    await waitFor(async () => ((await depth(queueNames(QUEUE).retry)) === 0 ? true : undefined));
    expect(await readDeadLetters()).toEqual([]);
  });

  it('dead-letters a message once its attempts are spent, and a permanent failure at once', async () => {
    const broker = await open();
    const calls: number[] = [];
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 1,
      maxAttempts: 2,
      retryDelayMs: () => 50,
      handler: (message) => {
        calls.push(message.n);
        return Promise.reject(
          message.n === 1 ? new Error('always failing') : new PermanentMessageError('unknown dataset'),
        );
      },
    });
    await broker.publishWork(QUEUE, schema, { n: 1 });
    await broker.publishWork(QUEUE, schema, { n: 2 });
    await waitFor(async () => ((await depth(queueNames(QUEUE).deadLetter)) === 2 ? true : undefined), 15_000);
    const dead = await readDeadLetters();
    const byBody = new Map(dead.map((d) => [d.body, d.headers]));
    expect(byBody.get('{"n":1}')).toMatchObject({ 'x-mlops-attempt': 2, 'x-mlops-error': 'Error: always failing' });
    expect(byBody.get('{"n":2}')).toMatchObject({
      'x-mlops-attempt': 1,
      'x-mlops-error': 'PermanentMessageError: unknown dataset',
    });
    expect(calls.sort()).toEqual([1, 1, 2]);
  });

  it('dead-letters invalid bodies with the reason and keeps consuming', async () => {
    const broker = await open();
    const handled: Message[] = [];
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 1,
      handler: (message) => {
        handled.push(message);
        return Promise.resolve();
      },
    });
    const connection = await connect(environment.amqpUrl);
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(QUEUE, Buffer.from('{"n":"seven"}'));
    channel.sendToQueue(QUEUE, Buffer.from('%%%'));
    await channel.waitForConfirms();
    await connection.close();
    await broker.publishWork(QUEUE, schema, { n: 3 });
    await waitFor(() => (handled.length === 1 ? true : undefined));
    await waitFor(async () => ((await depth(queueNames(QUEUE).deadLetter)) === 2 ? true : undefined), 15_000);
    const reasons = (await readDeadLetters()).map((d) => String(d.headers['x-mlops-error']));
    expect(reasons.some((reason) => reason.includes('/n:'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('not JSON'))).toBe(true);
  });

  it('reconnects after the broker drops the connection and keeps consuming and publishing', async () => {
    const broker = await open();
    const handled: number[] = [];
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 1,
      handler: (message) => {
        handled.push(message.n);
        return Promise.resolve();
      },
    });
    await broker.publishWork(QUEUE, schema, { n: 1 });
    await waitFor(() => (handled.length === 1 ? true : undefined));
    await waitFor(
      async () => ((await environment.rabbit.closeConnections(environment.vhost)) > 0 ? true : undefined),
      15_000,
    );
    await broker.publishWork(QUEUE, schema, { n: 2 });
    await waitFor(() => (handled.length === 2 ? true : undefined), 15_000);
    expect(handled).toEqual([1, 2]);
    expect(broker.isConnected()).toBe(true);
    await expect(broker.check()).resolves.toBeUndefined();
  });

  it('drains messages in hand when consumers stop, and acks them', async () => {
    const broker = await open();
    let started = 0;
    let finished = 0;
    await broker.consume({
      queue: QUEUE,
      schema,
      prefetch: 1,
      handler: async () => {
        started += 1;
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished += 1;
      },
    });
    await broker.publishWork(QUEUE, schema, { n: 1 });
    await waitFor(() => (started === 1 ? true : undefined));
    await broker.stopConsuming(5000);
    expect(finished).toBe(1);

    const redelivered: number[] = [];
    const successor = await open();
    await successor.consume({
      queue: QUEUE,
      schema,
      prefetch: 1,
      handler: (message) => {
        redelivered.push(message.n);
        return Promise.resolve();
      },
    });
    await successor.publishWork(QUEUE, schema, { n: 2 });
    await waitFor(() => (redelivered.length > 0 ? true : undefined));
    expect(redelivered).toEqual([2]);
  });

  /** The broker's live connection and confirm channel, to play the server's side of a blocked connection. */
  function internals(broker: Broker): {
    connection: { emit(event: string, ...args: unknown[]): boolean };
    publisher: { publish: (...args: unknown[]) => boolean };
  } {
    return broker as unknown as ReturnType<typeof internals>;
  }

  it('fails publishes fast with a Retry-After while RabbitMQ blocks publishers, and publishes again once unblocked', async () => {
    const broker = await open();
    internals(broker).connection.emit('blocked', 'low on memory');
    expect(broker.isBlocked()).toBe(true);
    const error = await broker.publishWork(QUEUE, schema, { n: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect((error as BrokerUnavailableError).message).toMatch(/blocks publishers \(low on memory\)/);
    expect((error as BrokerUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    internals(broker).connection.emit('unblocked');
    expect(broker.isBlocked()).toBe(false);
    await expect(broker.publishWork(QUEUE, schema, { n: 2 })).resolves.toEqual(expect.any(String));
  });

  it('gives up on a confirm that does not come within the deadline', async () => {
    const broker = await open({ confirmTimeoutMs: 200 });
    const { publisher } = internals(broker);
    const original = publisher.publish.bind(publisher);
    publisher.publish = () => true;
    await expect(broker.publishEvent('demo.event', schema, { n: 1 })).rejects.toThrow(
      /did not confirm the message within 200 ms/,
    );
    publisher.publish = original;
    await broker.publishWork(QUEUE, schema, { n: 3 });
  });

  it('fails a publish with BrokerUnavailableError when the broker stays away', async () => {
    const broker = await open({ publishTimeoutMs: 500 });
    await environment.rabbit.deleteVhost(environment.vhost);
    await waitFor(() => (broker.isConnected() ? undefined : true), 15_000);
    await expect(broker.check()).rejects.toThrow(/not connected/);
    await expect(broker.publishWork(QUEUE, schema, { n: 1 })).rejects.toThrow(/unreachable/);
    await environment.rabbit.createVhost(environment.vhost);
  });
});
