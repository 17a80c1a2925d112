import { reporterRoutes, TRAINING_LIVE_EVENTS, type LiveEpoch } from '@mlops/contracts';
import { useEffect, useState } from 'preact/hooks';
import { routeUrl } from '../../api/route-path.js';

/** A job's learning curve as the live stream sends it. */
export interface LiveCurve {
  readonly epochs: readonly LiveEpoch[];
  readonly plannedEpochs: number | null;
  /** `open` while events flow; `reconnecting` after a drop (the browser retries); `ended` after `end`. */
  readonly state: 'connecting' | 'open' | 'reconnecting' | 'ended';
}

/** Least time between two drawings of the live curve. */
const DRAW_EVERY_MS = 1000;

const START: LiveCurve = { epochs: [], plannedEpochs: null, state: 'connecting' };

/**
 * Follows `GET /v1/events/training-jobs/:id` (server-sent events through the reporter) while
 * `active`: every epoch already recorded, then each new one; calls `onEnd` once the job ends.
 * The browser's EventSource reconnects after a drop and resumes after the last epoch it saw.
 */
export function useLiveCurve(jobId: string, active: boolean, onEnd: () => void): LiveCurve {
  const [curve, setCurve] = useState<LiveCurve>(START);
  useEffect(() => {
    if (!active) return undefined;
    setCurve(START);
    const source = new EventSource(routeUrl(reporterRoutes.trainingEvents, { id: jobId }));
    source.addEventListener('open', () => setCurve((current) => ({ ...current, state: 'open' })));
    source.addEventListener('error', () =>
      setCurve((current) => (current.state === 'ended' ? current : { ...current, state: 'reconnecting' })),
    );
    source.addEventListener('job', (event) => {
      const parsed = TRAINING_LIVE_EVENTS.job.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) setCurve((current) => ({ ...current, plannedEpochs: parsed.data.plannedEpochs }));
    });
    // Epochs are drawn in batches: the recorded ones arrive in a burst, and each drawing costs a chart render.
    let batch: LiveEpoch[] = [];
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      const arrived = batch;
      batch = [];
      const first = arrived[0];
      if (!first) return;
      setCurve((current) => ({
        state: current.state === 'ended' ? 'ended' : 'open',
        plannedEpochs: arrived.at(-1)?.plannedEpochs ?? current.plannedEpochs,
        epochs: [...current.epochs.filter((known) => known.epoch < first.epoch), ...arrived],
      }));
    };
    source.addEventListener('epoch', (event) => {
      const parsed = TRAINING_LIVE_EVENTS.epoch.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      batch.push(parsed.data);
      timer ??= window.setTimeout(flush, DRAW_EVERY_MS);
    });
    source.addEventListener('end', () => {
      source.close();
      flush();
      setCurve((current) => ({ ...current, state: 'ended' }));
      onEnd();
    });
    return () => {
      source.close();
      window.clearTimeout(timer);
    };
  }, [jobId, active]);
  return curve;
}
