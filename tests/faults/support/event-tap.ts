import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { z } from 'zod';

const anyEvent = z.record(z.string(), z.unknown());

/**
 * A subscriber of the test on `mlops.events` (its own durable queue, kept across broker
 * restarts by the reconnecting Broker), which records every event it receives.
 */
export class EventTap {
  private readonly received: Record<string, unknown>[] = [];

  private constructor(private readonly broker: Broker) {}

  /** Subscribes to `routingKeys` through the queue `faults.tap.<name>`. */
  static async open(amqpUrl: string, name: string, routingKeys: readonly string[]): Promise<EventTap> {
    const queue = `faults.tap.${name}`;
    const broker = await Broker.connect({
      url: amqpUrl,
      logger: createLogger({ service: 'faults-tap', level: 'silent' }),
      connectionName: `faults-tap-${name}`,
      topology: { queues: [{ queue, bindings: routingKeys }] },
      reconnect: { initialDelayMs: 250, maxDelayMs: 2000 },
    });
    const tap = new EventTap(broker);
    await broker.consume({
      queue,
      schema: anyEvent,
      prefetch: 50,
      handler: (event) => {
        tap.received.push(event);
        return Promise.resolve();
      },
    });
    return tap;
  }

  /** How many times each value of `field` was seen among the events received. */
  countBy(field: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const event of this.received) {
      const value = String(event[field]);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  }

  close(): Promise<void> {
    return this.broker.close({ graceful: false });
  }
}
