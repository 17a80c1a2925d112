import { DEAD_LETTER_EXCHANGE } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Channel, ChannelModel, ConsumeMessage, Options } from 'amqplib';
import type { z } from 'zod';
import { decodeMessage } from './codec.js';
import { PermanentMessageError } from './errors.js';
import { ATTEMPT_HEADER, ERROR_HEADER, REQUEST_ID_HEADER, attemptOf } from './headers.js';
import { queueNames } from './topology.js';

/** What a handler learns about the message besides its validated body. */
export interface MessageContext {
  readonly messageId: string;
  /** 1 on the first delivery; incremented by each delayed retry. */
  readonly attempt: number;
  /** True when RabbitMQ delivers it again because an earlier consumer died before acking. */
  readonly redelivered: boolean;
  readonly requestId: string | undefined;
  readonly logger: Logger;
  /** Aborted when the channel goes away: the message will be redelivered, so stop working on it. */
  readonly signal: AbortSignal;
}

/** Handles one message; resolving acks it, throwing retries it (or dead-letters a PermanentMessageError). */
export type MessageHandler<T> = (message: T, context: MessageContext) => Promise<void>;

/** A consumer of one queue. */
export interface ConsumerDefinition<S extends z.ZodType> {
  readonly queue: string;
  readonly schema: S;
  readonly handler: MessageHandler<z.output<S>>;
  /** Unacked messages this consumer holds at once. */
  readonly prefetch: number;
  /** Attempts before a failing message is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** Delay before retry n (1-based); default 1 s doubling up to 60 s. */
  readonly retryDelayMs?: (attempt: number) => number;
}

/** How a consumer republishes messages it retries or dead-letters (with publisher confirms). */
export type RawPublisher = (
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
) => Promise<void>;

const defaultRetryDelay = (attempt: number): number => Math.min(60_000, 1000 * 2 ** (attempt - 1));

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Consumes one queue with manual acks: validates each body against its contract (invalid →
 * DLQ with the reason), runs the handler, acks on success, and on failure republishes through
 * the delay queue until `maxAttempts`, then to the DLQ. Survives reconnects by re-attaching.
 */
export class Consumer<S extends z.ZodType> {
  private channel: Channel | undefined;
  private consumerTag: string | undefined;
  private readonly inFlight = new Map<ConsumeMessage, { done: Promise<void>; abort: AbortController }>();
  private readonly logger: Logger;

  constructor(
    private readonly definition: ConsumerDefinition<S>,
    private readonly publish: RawPublisher,
    logger: Logger,
  ) {
    this.logger = logger.child({ queue: definition.queue });
  }

  /** Opens a channel on the connection and starts consuming. */
  async attach(connection: ChannelModel): Promise<void> {
    const channel = await connection.createChannel();
    channel.on('error', (err: Error) => this.logger.warn({ err }, 'consumer channel error'));
    channel.on('close', () => this.detach(channel));
    await channel.prefetch(this.definition.prefetch);
    this.channel = channel;
    const reply = await channel.consume(this.definition.queue, (message) => {
      if (message) this.track(channel, message);
    });
    this.consumerTag = reply.consumerTag;
    this.logger.info({ prefetch: this.definition.prefetch }, 'consuming');
  }

  /** Stops taking messages, waits (up to `timeoutMs`) for those in hand, then closes the channel. */
  async stop(timeoutMs: number): Promise<void> {
    const channel = this.channel;
    if (!channel) return;
    if (this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    const drained = Promise.allSettled([...this.inFlight.values()].map((entry) => entry.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout')
      this.logger.warn({ inFlight: this.inFlight.size }, 'drain timed out; unacked messages return to the queue');
    await channel.close().catch(() => undefined);
  }

  private detach(channel: Channel): void {
    if (this.channel !== channel) return;
    this.channel = undefined;
    this.consumerTag = undefined;
    for (const entry of this.inFlight.values()) entry.abort.abort(new Error('consumer channel closed'));
  }

  private track(channel: Channel, message: ConsumeMessage): void {
    const abort = new AbortController();
    const done = this.handle(channel, message, abort.signal).finally(() => this.inFlight.delete(message));
    this.inFlight.set(message, { done, abort });
  }

  private async handle(channel: Channel, message: ConsumeMessage, signal: AbortSignal): Promise<void> {
    const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
    const attempt = attemptOf(headers);
    const messageId = String(message.properties.messageId ?? `${this.definition.queue}#${message.fields.deliveryTag}`);
    const requestHeader = headers[REQUEST_ID_HEADER];
    const requestId = typeof requestHeader === 'string' ? requestHeader : undefined;
    const logger = this.logger.child({ messageId, attempt, ...(requestId ? { requestId } : {}) });
    const decoded = decodeMessage(this.definition.schema, message.content);
    try {
      if (!decoded.ok) {
        logger.error({ reason: decoded.reason }, 'invalid message dead-lettered');
        await this.deadLetter(message, attempt, decoded.reason);
      } else {
        await this.runHandler(message, decoded.value, {
          messageId,
          attempt,
          redelivered: message.fields.redelivered,
          requestId,
          logger,
          signal,
        });
      }
      if (!signal.aborted) channel.ack(message);
    } catch (error) {
      logger.warn({ err: error }, 'message left unacked; the broker redelivers it');
    }
  }

  private async runHandler(message: ConsumeMessage, value: z.output<S>, context: MessageContext): Promise<void> {
    try {
      await this.definition.handler(value, context);
    } catch (error) {
      if (context.signal.aborted) throw error;
      const maxAttempts = this.definition.maxAttempts ?? 5;
      const reason = reasonOf(error);
      if (error instanceof PermanentMessageError || context.attempt >= maxAttempts) {
        context.logger.error({ err: error }, 'message dead-lettered');
        await this.deadLetter(message, context.attempt, reason);
        return;
      }
      const delayMs = (this.definition.retryDelayMs ?? defaultRetryDelay)(context.attempt);
      context.logger.warn({ err: error, delayMs }, 'handler failed; retrying later');
      await this.publish('', queueNames(this.definition.queue).retry, message.content, {
        ...this.copyProperties(message),
        expiration: String(Math.max(0, Math.round(delayMs))),
        headers: { ...message.properties.headers, [ATTEMPT_HEADER]: context.attempt + 1, [ERROR_HEADER]: reason },
      });
    }
  }

  private async deadLetter(message: ConsumeMessage, attempt: number, reason: string): Promise<void> {
    await this.publish(DEAD_LETTER_EXCHANGE, this.definition.queue, message.content, {
      ...this.copyProperties(message),
      headers: { ...message.properties.headers, [ATTEMPT_HEADER]: attempt, [ERROR_HEADER]: reason },
    });
  }

  private copyProperties(message: ConsumeMessage): Options.Publish {
    const properties = message.properties as Record<keyof ConsumeMessage['properties'], unknown>;
    const copied: Options.Publish = { persistent: true };
    if (typeof properties.contentType === 'string') copied.contentType = properties.contentType;
    if (typeof properties.messageId === 'string') copied.messageId = properties.messageId;
    if (typeof properties.type === 'string') copied.type = properties.type;
    if (typeof properties.timestamp === 'number') copied.timestamp = properties.timestamp;
    if (typeof properties.correlationId === 'string') copied.correlationId = properties.correlationId;
    if (typeof properties.appId === 'string') copied.appId = properties.appId;
    return copied;
  }
}
