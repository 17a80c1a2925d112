import type { GuardrailCheck, RolloutFigures, RolloutGuardrails } from '@mlops/contracts';

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** Pending while the stage has not reached its minimum; skipped (never blocking) once it has. */
function waiting(done: boolean): 'pending' | 'skipped' {
  return done ? 'skipped' : 'pending';
}

function errorRate(g: RolloutGuardrails, f: RolloutFigures, done: boolean): GuardrailCheck {
  const value = f.requests === 0 ? null : round(f.errors / f.requests);
  const threshold = `≤ ${g.maxErrorRate}`;
  if (value === null || !done)
    return { name: 'errorRate', status: 'pending', value, threshold, detail: `${f.errors} of ${f.requests} failed` };
  return {
    name: 'errorRate',
    status: value <= g.maxErrorRate ? 'pass' : 'fail',
    value,
    threshold,
    detail: `${f.errors} of ${f.requests} candidate requests failed`,
  };
}

function p99Latency(limits: NonNullable<RolloutGuardrails['p99LatencyMs']>, f: RolloutFigures, done: boolean) {
  const value = f.latencyP99Ms === null ? null : round(f.latencyP99Ms, 2);
  const production = f.productionLatencyP99Ms;
  const parts = [
    limits.max === undefined ? undefined : `≤ ${limits.max} ms`,
    limits.maxRatioToProduction === undefined
      ? undefined
      : `≤ ${limits.maxRatioToProduction} × production p99 (${production === null ? 'unknown' : `${round(production, 2)} ms`})`,
  ].filter((part) => part !== undefined);
  const threshold = parts.join(' and ');
  const base = { name: 'p99Latency' as const, value, threshold };
  if (value === null || !done) return { ...base, status: waiting(done && value === null), detail: 'candidate p99' };
  const overMax = limits.max !== undefined && value > limits.max;
  const overRatio =
    limits.maxRatioToProduction !== undefined &&
    production !== null &&
    value > limits.maxRatioToProduction * production;
  const detail =
    production === null && limits.maxRatioToProduction !== undefined
      ? 'production p99 unknown (no production traffic in the stage): ratio not checked'
      : `candidate p99 ${value} ms, production p99 ${production === null ? 'unknown' : `${round(production, 2)} ms`}`;
  return { ...base, status: overMax || overRatio ? ('fail' as const) : ('pass' as const), detail };
}

function drift(g: RolloutGuardrails, f: RolloutFigures, done: boolean): GuardrailCheck {
  const { status, replicas } = f.drift;
  const threshold = g.drift.failOn === 'warning' ? 'status ok' : 'status ok or warning';
  const detail = `worst status over ${replicas} replica(s) with a verdict`;
  if (status === 'insufficient-data' || replicas === 0)
    return { name: 'drift', status: waiting(done), value: status, threshold, detail: 'not enough texts for a verdict' };
  const failing = status === 'drift' || (g.drift.failOn === 'warning' && status === 'warning');
  if (!done && !failing) return { name: 'drift', status: 'pending', value: status, threshold, detail };
  return { name: 'drift', status: failing ? 'fail' : 'pass', value: status, threshold, detail };
}

function liveAccuracy(limits: NonNullable<RolloutGuardrails['liveAccuracy']>, f: RolloutFigures, done: boolean) {
  const { withFeedback, accuracy, productionAccuracy } = f.feedback;
  const parts = [
    limits.min === undefined ? undefined : `≥ ${limits.min}`,
    limits.maxDropFromProduction === undefined
      ? undefined
      : `≥ production (${productionAccuracy === null ? 'unknown' : round(productionAccuracy)}) − ${limits.maxDropFromProduction}`,
  ].filter((part) => part !== undefined);
  const threshold = `${parts.join(' and ')}, from ${limits.minFeedback} feedbacks`;
  const value = accuracy === null ? null : round(accuracy);
  const base = { name: 'liveAccuracy' as const, value, threshold };
  if (value === null || withFeedback < limits.minFeedback || !done)
    return {
      ...base,
      status: waiting(done),
      detail: `${withFeedback} labelled feedback(s) on the candidate (${limits.minFeedback} needed)`,
    };
  const belowMin = limits.min !== undefined && value < limits.min;
  const dropped =
    limits.maxDropFromProduction !== undefined &&
    productionAccuracy !== null &&
    value < productionAccuracy - limits.maxDropFromProduction;
  return {
    ...base,
    status: belowMin || dropped ? ('fail' as const) : ('pass' as const),
    detail: `${withFeedback} labelled feedbacks; production accuracy ${productionAccuracy === null ? 'unknown' : round(productionAccuracy)}`,
  };
}

function agreement(limits: NonNullable<RolloutGuardrails['agreement']>, f: RolloutFigures, done: boolean) {
  const { compared, agreed } = f.agreement;
  const value = compared === 0 ? null : round(agreed / compared);
  const base = { name: 'agreement' as const, value, threshold: `≥ ${limits.min}` };
  const detail = `${agreed} of ${compared} texts decided like production`;
  if (value === null || !done) return { ...base, status: waiting(done && value === null), detail };
  return { ...base, status: value >= limits.min ? ('pass' as const) : ('fail' as const), detail };
}

/**
 * Each configured guardrail's verdict on a stage's figures. Until the stage has its minimum of
 * candidate requests every guardrail is `pending`; then each passes or fails, except those
 * without enough data (feedback, drift verdict), which are `skipped` and do not block.
 */
export function evaluateGuardrails(
  guardrails: RolloutGuardrails,
  figures: RolloutFigures,
  minRequests: number,
): GuardrailCheck[] {
  const done = figures.requests >= minRequests;
  const checks: GuardrailCheck[] = [errorRate(guardrails, figures, done)];
  if (guardrails.p99LatencyMs) checks.push(p99Latency(guardrails.p99LatencyMs, figures, done));
  checks.push(drift(guardrails, figures, done));
  if (guardrails.liveAccuracy) checks.push(liveAccuracy(guardrails.liveAccuracy, figures, done));
  if (guardrails.agreement) checks.push(agreement(guardrails.agreement, figures, done));
  return checks;
}

/** What the checks decide: wait, move on (all pass or skipped, after the minimum), or roll back (one fails). */
export function decide(checks: readonly GuardrailCheck[], figures: RolloutFigures, minRequests: number) {
  if (checks.some((check) => check.status === 'fail')) return 'rollback' as const;
  if (figures.requests < minRequests || checks.some((check) => check.status === 'pending')) return 'wait' as const;
  return 'advance' as const;
}
