import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { EVENTS_EXCHANGE } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import { redactUrl } from '@mlops/logger';
import { connect, type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import { backOff } from 'exponential-backoff';
import type { z } from 'zod';
import { encodeMessage } from './codec.js';
import { Consumer, type ConsumerDefinition } from './consumer.js';
import { BrokerUnavailableError } from './errors.js';
import { REQUEST_ID_HEADER } from './headers.js';
import { assertTopology, type Topology } from './topology.js';

/** How a service connects to RabbitMQ. */
export interface BrokerOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Shown in the RabbitMQ management UI (`<service>@<host>`). */
  readonly connectionName: string;
  readonly topology: Topology;
  /** Backoff between reconnect attempts. */
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  /** Attempts for the first connection before giving up (default 10). */
  readonly initialAttempts?: number;
  /** How long a publish waits for a lost connection to come back (default 10 s). */
  readonly publishTimeoutMs?: number;
  /** How long a publish waits for the broker's confirm before failing with BrokerUnavailableError (default 5 s). */
  readonly confirmTimeoutMs?: number;
}

/** Options of one publish. */
export interface PublishOptions {
  readonly messageId?: string;
  readonly requestId?: string;
}

/**
 * A RabbitMQ connection that keeps itself alive: declares the topology on every connect,
 * publishes with confirms, runs consumers, and when the broker goes away reconnects with
 * exponential backoff and re-attaches every consumer.
 */
export class Broker {
  private connection: ChannelModel | undefined;
  private publisher: ConfirmChannel | undefined;
  private readonly consumers = new Set<Consumer<z.ZodType>>();
  private readonly events = new EventEmitter();
  private closing = false;
  /** Why RabbitMQ blocks this connection's publishers (a resource alarm), while it does. */
  private blockedReason: string | undefined;
  private reconnecting: Promise<void> | undefined;
  private readonly logger: Logger;

  private constructor(private readonly options: BrokerOptions) {
    this.logger = options.logger.child({ component: 'broker' });
    this.events.setMaxListeners(0);
  }

  /** Connects (retrying with backoff) and declares the topology. */
  static async connect(options: BrokerOptions): Promise<Broker> {
    const broker = new Broker(options);
    await broker.establishWithBackoff(options.initialAttempts ?? 10);
    return broker;
  }

  /** True while RabbitMQ blocks publishers on this connection (memory or disk alarm). */
  isBlocked(): boolean {
    return this.blockedReason !== undefined;
  }

  /** True while a connection and its publishing channel are open. */
  isConnected(): boolean {
    return this.connection !== undefined && this.publisher !== undefined;
  }

  /** Readiness probe: rejects when the broker is not reachable right now. */
  async check(): Promise<void> {
    if (!this.isConnected()) throw new Error('not connected to RabbitMQ');
    await Promise.resolve();
  }

  /** Validates a work message against its contract and sends it to a work queue, resolving once the broker confirms it. */
  async publishWork<S extends z.ZodType>(
    queue: string,
    schema: S,
    payload: z.input<S>,
    options: PublishOptions = {},
  ): Promise<string> {
    return this.publishValidated('', queue, schema, payload, options);
  }

  /** Validates an event against its contract and publishes it on `mlops.events`, resolving once confirmed. */
  async publishEvent<S extends z.ZodType>(
    routingKey: string,
    schema: S,
    payload: z.input<S>,
    options: PublishOptions = {},
  ): Promise<string> {
    return this.publishValidated(EVENTS_EXCHANGE, routingKey, schema, payload, options);
  }

  /** Starts a consumer now (or as soon as connected) and keeps it across reconnects. */
  async consume<S extends z.ZodType>(definition: ConsumerDefinition<S>): Promise<Consumer<S>> {
    const consumer = new Consumer(
      definition,
      (exchange, key, content, options) => this.publishRaw(exchange, key, content, options),
      this.logger,
    );
    this.consumers.add(consumer);
    if (this.connection) await consumer.attach(this.connection);
    return consumer;
  }

  /** Stops every consumer from taking messages and waits (up to `drainTimeoutMs`) for those in hand. Publishing still works. */
  async stopConsuming(drainTimeoutMs = 10_000): Promise<void> {
    const consumers = [...this.consumers];
    this.consumers.clear();
    await Promise.all(consumers.map((consumer) => consumer.stop(drainTimeoutMs)));
  }

  /**
   * Closes the connection. Gracefully (default): consumers stop taking messages and finish
   * those in hand (up to `drainTimeoutMs`) before the connection closes. Not gracefully: the
   * connection is dropped at once, as in a crash, and unacked messages return to their queues.
   */
  async close(options: { graceful?: boolean; drainTimeoutMs?: number } = {}): Promise<void> {
    if (this.closing) return;
    if (options.graceful !== false) await this.stopConsuming(options.drainTimeoutMs);
    this.closing = true;
    const connection = this.connection;
    if (options.graceful !== false) await this.publisher?.close().catch(() => undefined);
    this.connection = undefined;
    this.publisher = undefined;
    await connection?.close().catch(() => undefined);
    this.events.emit('closed');
  }

  private async publishValidated<S extends z.ZodType>(
    exchange: string,
    routingKey: string,
    schema: S,
    payload: z.input<S>,
    options: PublishOptions,
  ): Promise<string> {
    const messageId = options.messageId ?? randomUUID();
    await this.publishRaw(exchange, routingKey, encodeMessage(schema, payload), {
      persistent: true,
      contentType: 'application/json',
      messageId,
      type: routingKey,
      timestamp: Math.floor(Date.now() / 1000),
      appId: this.options.connectionName,
      headers: options.requestId ? { [REQUEST_ID_HEADER]: options.requestId } : {},
    });
    return messageId;
  }

  private async publishRaw(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const deadline = Date.now() + (this.options.publishTimeoutMs ?? 10_000);
    for (;;) {
      const channel = await this.publisherBefore(deadline);
      if (this.blockedReason !== undefined) {
        throw new BrokerUnavailableError(`RabbitMQ blocks publishers (${this.blockedReason})`, 10);
      }
      try {
        await this.confirmed(channel, exchange, routingKey, content, options);
        return;
      } catch (error) {
        if (this.closing || error instanceof BrokerUnavailableError || Date.now() >= deadline) throw error;
        this.logger.warn({ err: error, routingKey }, 'publish not confirmed; retrying on the next connection');
      }
    }
  }

  /** Publishes on the confirm channel and waits for the confirm, at most `confirmTimeoutMs`. */
  private confirmed(
    channel: ConfirmChannel,
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const timeoutMs = this.options.confirmTimeoutMs ?? 5000;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.logger.warn({ routingKey, timeoutMs }, 'publish not confirmed in time');
        reject(new BrokerUnavailableError(`RabbitMQ did not confirm the message within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      channel.publish(exchange, routingKey, content, options, (err: unknown) => {
        clearTimeout(timer);
        if (err) reject(toError(err));
        else resolve();
      });
    });
  }

  private async publisherBefore(deadline: number): Promise<ConfirmChannel> {
    while (!this.publisher) {
      if (this.closing) throw new BrokerUnavailableError('the broker connection is closing');
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new BrokerUnavailableError('RabbitMQ is unreachable');
      await Promise.race([once(this.events, 'connected'), once(this.events, 'closed'), delay(remaining)]);
    }
    return this.publisher;
  }

  private async establish(): Promise<void> {
    const connection = await connect(this.options.url, {
      clientProperties: { connection_name: this.options.connectionName },
    });
    try {
      const publisher = await connection.createConfirmChannel();
      publisher.on('error', (err: Error) => this.logger.warn({ err }, 'publisher channel error'));
      await assertTopology(publisher, this.options.topology);
      connection.on('error', (err: Error) => this.logger.warn({ err }, 'connection error'));
      connection.on('blocked', (reason: unknown) => this.onBlocked(connection, String(reason)));
      connection.on('unblocked', () => this.onUnblocked(connection));
      connection.on('close', () => this.onConnectionLost(connection));
      publisher.on('close', () => {
        if (this.publisher === publisher) this.publisher = undefined;
      });
      this.connection = connection;
      this.publisher = publisher;
      for (const consumer of this.consumers) await consumer.attach(connection);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    this.logger.info({ url: redactUrl(this.options.url) }, 'connected to RabbitMQ');
    this.events.emit('connected');
  }

  private async establishWithBackoff(attempts: number): Promise<void> {
    await backOff(() => this.establish(), {
      numOfAttempts: attempts,
      startingDelay: this.options.reconnect?.initialDelayMs ?? 250,
      maxDelay: this.options.reconnect?.maxDelayMs ?? 15_000,
      jitter: 'full',
      retry: (err: unknown, attempt) => {
        this.logger.warn({ err, attempt }, 'RabbitMQ connection failed; retrying');
        return !this.closing;
      },
    });
  }

  private onBlocked(connection: ChannelModel, reason: string): void {
    if (this.connection !== connection) return;
    this.blockedReason = reason;
    this.logger.warn({ reason }, 'RabbitMQ blocks publishers; publishes fail fast until it unblocks');
  }

  private onUnblocked(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.blockedReason = undefined;
    this.logger.info('RabbitMQ unblocked publishers');
  }

  private onConnectionLost(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.blockedReason = undefined;
    this.publisher = undefined;
    if (this.closing) return;
    this.logger.warn('lost the RabbitMQ connection; reconnecting');
    this.reconnecting ??= this.establishWithBackoff(Number.POSITIVE_INFINITY)
      .catch((err: unknown) => this.logger.error({ err }, 'gave up reconnecting'))
      .finally(() => {
        this.reconnecting = undefined;
      });
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
