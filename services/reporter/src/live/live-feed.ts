import type { HttpApp } from '@mlops/http';
import type { Broker } from '@mlops/messaging';
import type { Upstreams } from '../upstreams/upstreams.js';
import { TrainingFeed } from './training-feed.js';
import { startTrainingFeedConsumer } from './training-feed.consumer.js';
import { registerTrainingEventsRoute } from './training-events.route.js';

/** Limits and timings of the live training streams. */
export interface LiveOptions {
  /** Streams one replica serves at once; more answer 503 with `Retry-After`. */
  readonly maxSubscribers: number;
  /** Time between two comment lines on an idle stream. */
  readonly heartbeatMs: number;
  /** Heartbeats between two reads of the job and its run (what the feed missed). */
  readonly catchUpEvery: number;
}

/** 200 streams per replica, a heartbeat every 15 s, a catch-up read every minute. */
export const DEFAULT_LIVE_OPTIONS: LiveOptions = { maxSubscribers: 200, heartbeatMs: 15_000, catchUpEvery: 4 };

/**
 * The live training streams of this replica: its feed, filled from its own queue, and the SSE
 * route that reads it. When the app closes, open streams end (their clients reconnect to another
 * replica and resume with `Last-Event-ID`) so that the server can stop.
 */
export async function startLiveFeed(
  app: HttpApp,
  deps: LiveOptions & { readonly broker: Broker; readonly upstreams: Upstreams; readonly queue: string },
): Promise<void> {
  const feed = new TrainingFeed(deps.maxSubscribers);
  registerTrainingEventsRoute(app, {
    feed,
    upstreams: deps.upstreams,
    heartbeatMs: deps.heartbeatMs,
    catchUpEvery: deps.catchUpEvery,
  });
  app.addHook('preClose', (done) => {
    feed.closeAll();
    done();
  });
  await startTrainingFeedConsumer(deps.broker, feed, deps.queue);
}
