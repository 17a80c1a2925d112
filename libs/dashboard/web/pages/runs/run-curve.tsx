import { learningCurveChart, type LearningCurveDatum } from '@mlops/charts';
import type { LiveEpoch } from '@mlops/contracts';
import { useMemo } from 'preact/hooks';
import { Chart } from '../../ui/chart.js';
import type { LiveCurve } from './live-epochs.js';
import { formatDuration, formatShare } from './run-format.js';

/** The learning curves with the PDF report's spec; `live` adds what the stream says about progress. */
export function RunCurve({
  data,
  keptEpoch,
  live,
}: {
  readonly data: readonly LearningCurveDatum[];
  readonly keptEpoch: number | null;
  readonly live?: LiveCurve;
}) {
  const spec = useMemo(() => learningCurveChart(data, keptEpoch), [data, keptEpoch]);
  const last = live?.epochs.at(-1);
  return (
    <div class="run-curve" data-epochs={data.length}>
      {live ? <LiveStatus live={live} last={last} /> : null}
      {data.length === 0 ? (
        <p class="muted">No epoch has finished yet.</p>
      ) : (
        <Chart spec={spec} label={`Learning curves over ${data.length} epochs`} />
      )}
    </div>
  );
}

function LiveStatus({ live, last }: { readonly live: LiveCurve; readonly last: LiveEpoch | undefined }) {
  const connection =
    live.state === 'reconnecting'
      ? 'Connection lost, reconnecting…'
      : live.state === 'connecting'
        ? 'Connecting to the live curve…'
        : live.state === 'ended'
          ? 'The job ended.'
          : 'Live';
  return (
    <p role="status" class="live-status" data-state={live.state}>
      <span class={`chip ${live.state === 'open' ? 'running' : ''}`}>{connection}</span>{' '}
      {last
        ? `Epoch ${last.epoch}${live.plannedEpochs ? ` of ${live.plannedEpochs}` : ''} · validation macro-F1 ${formatShare(
            last.validationMacroF1,
          )}${last.etaSeconds !== null ? ` · about ${formatDuration(last.etaSeconds * 1000)} left` : ''}`
        : 'Waiting for the first epoch.'}
    </p>
  );
}

/** Live epochs as chart data. */
export function curveOfLive(epochs: readonly LiveEpoch[]): LearningCurveDatum[] {
  return epochs.map((epoch) => ({
    epoch: epoch.epoch,
    trainLoss: epoch.trainLoss,
    validationLoss: epoch.validationLoss,
    validationMacroF1: epoch.validationMacroF1,
  }));
}
