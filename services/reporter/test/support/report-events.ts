import { EVENTS, reportFailedEventSchema, reportReadyEventSchema } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import type { TestEnvironment } from '@mlops/testing';
import type { z } from 'zod';

/** An event the test heard, with its message id. */
export interface Heard<T> {
  readonly messageId: string;
  readonly body: T;
}

/** The test's own connection to the suite's vhost: it hears `report.ready` / `report.failed` and publishes like other services. */
export interface ReportEvents {
  readonly broker: Broker;
  readonly ready: Heard<z.infer<typeof reportReadyEventSchema>>[];
  readonly failed: Heard<z.infer<typeof reportFailedEventSchema>>[];
  close(): Promise<void>;
}

/** Connects to the environment's vhost with two queues bound to the report events, and records what arrives. */
export async function listenToReportEvents(environment: TestEnvironment): Promise<ReportEvents> {
  const broker = await Broker.connect({
    url: environment.amqpUrl,
    logger: createLogger({ service: 'reporter-test', level: 'silent' }),
    connectionName: 'reporter-test',
    topology: {
      queues: [
        { queue: 'test.report-ready', bindings: [EVENTS.reportReady] },
        { queue: 'test.report-failed', bindings: [EVENTS.reportFailed] },
      ],
    },
  });
  const ready: ReportEvents['ready'] = [];
  const failed: ReportEvents['failed'] = [];
  await broker.consume({
    queue: 'test.report-ready',
    schema: reportReadyEventSchema,
    prefetch: 10,
    handler: async (body, context) => {
      ready.push({ messageId: context.messageId, body });
      await Promise.resolve();
    },
  });
  await broker.consume({
    queue: 'test.report-failed',
    schema: reportFailedEventSchema,
    prefetch: 10,
    handler: async (body, context) => {
      failed.push({ messageId: context.messageId, body });
      await Promise.resolve();
    },
  });
  return { broker, ready, failed, close: () => broker.close() };
}
