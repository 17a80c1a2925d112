import { inferenceRoutes, type RolloutState } from '@mlops/contracts';
import { useState } from 'preact/hooks';
import { callRoute } from '../../api/call-route.js';
import { can } from '../../app/session.js';
import { ProblemMessage } from '../../ui/problem-message.js';
import { useAction, useResource } from '../../ui/use-resource.js';
import { formatDate } from '../models/format.js';
import { formatMs, formatPercent } from './serving-format.js';

const GUARDRAIL_NAMES: Readonly<Record<string, string>> = {
  errorRate: 'Error rate',
  p99Latency: 'p99 latency',
  drift: 'Drift',
  liveAccuracy: 'Live accuracy',
  agreement: 'Agreement with production',
};

/** The stages in order, the current one marked, each with what it needs before the guardrails decide. */
function Stages({ rollout }: { readonly rollout: RolloutState }) {
  return (
    <ol class="stages" aria-label="Rollout stages">
      {rollout.spec.stages.map((stage, index) => (
        <li
          key={stage.stage}
          aria-current={rollout.status === 'running' && index === rollout.stageIndex ? 'step' : undefined}
        >
          <strong>{stage.stage}</strong>
          {stage.stage === 'canary' ? ` at ${formatPercent(stage.share)} of the keys` : ''},{' '}
          {stage.minRequests.toLocaleString()} requests
          {index < rollout.stageIndex ? ' (passed)' : ''}
        </li>
      ))}
      <li aria-current={rollout.stage === 'production' ? 'step' : undefined}>
        <strong>production</strong>
      </li>
    </ol>
  );
}

/** What the replicas measured of the candidate in the current stage. */
function Figures({ rollout }: { readonly rollout: RolloutState }) {
  const { figures } = rollout;
  return (
    <p data-testid="rollout-figures">
      In this stage: {figures.requests} candidate requests, {figures.errors} failed; p99{' '}
      {formatMs(figures.latencyP99Ms)} (production {formatMs(figures.productionLatencyP99Ms)}); agreed with production
      on {figures.agreement.agreed} of {figures.agreement.compared} texts; live accuracy{' '}
      {formatPercent(figures.feedback.accuracy)} on {figures.feedback.withFeedback} with feedback (production{' '}
      {formatPercent(figures.feedback.productionAccuracy)}); drift {figures.drift.status} over {figures.drift.replicas}{' '}
      replica{figures.drift.replicas === 1 ? '' : 's'}.
    </p>
  );
}

function Guardrails({ rollout }: { readonly rollout: RolloutState }) {
  if (rollout.guardrails.length === 0) return <p class="muted">The guardrails have not been checked yet.</p>;
  return (
    <table aria-label="Guardrails" data-testid="guardrails">
      <thead>
        <tr>
          <th scope="col">Guardrail</th>
          <th scope="col">Status</th>
          <th scope="col" class="num">
            Value
          </th>
          <th scope="col">Threshold</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {rollout.guardrails.map((check) => (
          <tr key={check.name}>
            <th scope="row">{GUARDRAIL_NAMES[check.name] ?? check.name}</th>
            <td>
              <span class={`chip ${check.status}`}>{check.status}</span>
            </td>
            <td class="num">
              {check.value === null
                ? '–'
                : typeof check.value === 'number'
                  ? String(+check.value.toPrecision(3))
                  : check.value}
            </td>
            <td>{check.threshold}</td>
            <td>{check.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ rollout }: { readonly rollout: RolloutState }) {
  return (
    <table aria-label="Rollout history">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Stage</th>
          <th scope="col">By</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {rollout.history.map((entry) => (
          <tr key={`${entry.at}:${entry.event}`}>
            <td>{formatDate(entry.at)}</td>
            <td>{entry.event}</td>
            <td>{entry.stage}</td>
            <td>{entry.by}</td>
            <td>{entry.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Aborting a running rollout, with its required reason; the refusal shows next to the button. */
function AbortForm({ name, onDone }: { readonly name: string; readonly onDone: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void action
      .run(() => callRoute(inferenceRoutes.rollout.abort, { params: { name }, body: { reason: reason.trim() } }))
      .then((done) => {
        if (done) onDone();
      });
  };
  return (
    <form class="form-row" onSubmit={submit}>
      <div>
        <label for="abort-reason">Why abort</label>
        <input
          id="abort-reason"
          required
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
          aria-describedby="abort-error"
        />
      </div>
      <button type="submit" class="secondary" disabled={action.pending} aria-describedby="abort-error">
        Abort the rollout
      </button>
      <ProblemMessage error={action.error} id="abort-error" />
    </form>
  );
}

/** The model's latest rollout: where it is, what it measured, each guardrail against its threshold, its history. */
export function RolloutPanel({ name }: { readonly name: string }) {
  const rollout = useResource(
    (signal) => callRoute(inferenceRoutes.rollout.show, { params: { name }, signal }),
    [name],
  );
  if (rollout.error?.notFound) {
    return <p data-testid="rollout">No rollout has run for this model: versions move by promotion in the registry.</p>;
  }
  if (rollout.error) return <ProblemMessage error={rollout.error} id="rollout-error" />;
  const state = rollout.data;
  if (!state) return <p class="loading">Loading the rollout…</p>;
  return (
    <div data-testid="rollout">
      <p>
        Rollout of <strong>v{state.version}</strong>
        {state.productionVersion === null ? '' : ` against production v${state.productionVersion}`}:{' '}
        <span class={`chip ${state.status}`}>{state.status}</span> at stage <strong>{state.stage}</strong> since{' '}
        {formatDate(state.stageStartedAt)}; started by {state.startedBy} on {formatDate(state.startedAt)}.
      </p>
      <Stages rollout={state} />
      <Figures rollout={state} />
      <Guardrails rollout={state} />
      {state.status === 'running' && can('promote') ? <AbortForm name={name} onDone={rollout.reload} /> : null}
      <details>
        <summary>History ({state.history.length})</summary>
        <History rollout={state} />
      </details>
    </div>
  );
}
