import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from '@commander-js/extra-typings';
import { modelNameSchema, type RolloutStartBody, type RolloutState } from '@mlops/contracts';
import { contextOf } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import type { Output } from '../output/output.js';
import { positiveInt, slugFlag } from './flag-parsers.js';

const nameArg = slugFlag('model', modelNameSchema);

/** A number flag (a share, a ratio, milliseconds); the API checks its range and names the field. */
function numberFlag(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('a number');
  return number;
}

/** Options of `mlops rollout start`, as commander parses them. */
interface StartOptions {
  modelVersion: number;
  spec?: string;
  shadow: boolean;
  shadowRequests: number;
  canaryShare: number;
  canaryRequests: number;
  maxErrorRate?: number;
  maxP99Ms?: number;
  maxP99Ratio?: number;
  driftFailOn?: string;
  minFeedback?: number;
  minAccuracy?: number;
  maxAccuracyDrop?: number;
  minAgreement?: number;
  reason?: string;
}

/** The start body from the flags, or from `--spec` (a JSON body) with `--model-version` and `--reason` over it. */
function startBody(options: StartOptions): unknown {
  if (options.spec !== undefined) {
    const spec = JSON.parse(readFileSync(options.spec, 'utf8')) as Record<string, unknown>;
    return { ...spec, version: options.modelVersion, ...(options.reason ? { reason: options.reason } : {}) };
  }
  const stages: RolloutStartBody['stages'] = [
    ...(options.shadow ? [{ stage: 'shadow' as const, minRequests: options.shadowRequests }] : []),
    { stage: 'canary', share: options.canaryShare, minRequests: options.canaryRequests },
  ];
  const accuracy = options.minAccuracy !== undefined || options.maxAccuracyDrop !== undefined;
  return {
    version: options.modelVersion,
    ...(options.reason ? { reason: options.reason } : {}),
    stages,
    guardrails: {
      ...(options.maxErrorRate === undefined ? {} : { maxErrorRate: options.maxErrorRate }),
      ...(options.maxP99Ms === undefined && options.maxP99Ratio === undefined
        ? {}
        : { p99LatencyMs: { max: options.maxP99Ms, maxRatioToProduction: options.maxP99Ratio } }),
      ...(options.driftFailOn === undefined ? {} : { drift: { failOn: options.driftFailOn } }),
      ...(accuracy
        ? {
            liveAccuracy: {
              minFeedback: options.minFeedback,
              min: options.minAccuracy,
              maxDropFromProduction: options.maxAccuracyDrop,
            },
          }
        : {}),
      ...(options.minAgreement === undefined ? {} : { agreement: { min: options.minAgreement } }),
    },
  };
}

function showState(out: Output, state: RolloutState): void {
  const stage = state.spec.stages[state.stageIndex];
  out.line(
    `${out.c.bold(`${state.model} v${state.version}`)} rollout ${state.id}: ${state.status}, stage ${state.stage}` +
      (state.status === 'running' && stage ? ` (${state.figures.requests}/${stage.minRequests} requests)` : '') +
      `; production v${state.productionVersion ?? '-'} when it started`,
  );
  if (state.guardrails.length > 0)
    out.line(
      out.table(
        ['guardrail', 'status', 'value', 'threshold', 'detail'],
        state.guardrails.map((check) => [
          check.name,
          check.status,
          String(check.value ?? '-'),
          check.threshold,
          check.detail,
        ]),
      ),
    );
  out.line(
    out.table(
      ['at', 'event', 'stage', 'by', 'reason'],
      state.history.map((entry) => [entry.at, entry.event, entry.stage, entry.by, entry.reason]),
    ),
  );
}

/** `mlops rollout start | show | abort`: progressive rollouts run by inference. */
export function registerRolloutCommands(program: Command, io: CliIo): void {
  const rollout = program
    .command('rollout')
    .description(
      'Progressive rollout of a version: shadow, canary at a share, then production, with guardrails and automatic rollback',
    );

  rollout
    .command('start')
    .description('Start a rollout of a version (production stays until every stage passes its guardrails)')
    .argument('<model>', 'model name', nameArg)
    .requiredOption('--model-version <n>', 'the candidate version', positiveInt)
    .option('--spec <file>', 'the whole start body as JSON (stages, guardrails); the flags below are then ignored')
    .option('--no-shadow', 'go straight to the canary stage')
    .option('--shadow-requests <n>', 'candidate requests before the shadow stage is judged', positiveInt, 200)
    .option('--canary-share <share>', 'share of request keys the canary answers (0 to 1, exclusive)', numberFlag, 0.1)
    .option('--canary-requests <n>', 'candidate requests before the canary stage is judged', positiveInt, 200)
    .option('--max-error-rate <share>', 'most share of failed candidate requests (default 0.01)', numberFlag)
    .option('--max-p99-ms <ms>', 'most candidate p99 latency', numberFlag)
    .option('--max-p99-ratio <ratio>', "most candidate p99 over production's", numberFlag)
    .option('--drift-fail-on <status>', 'drift status that fails: warning or drift (default drift)')
    .option('--min-feedback <n>', 'labelled feedbacks before live accuracy is checked (default 30)', positiveInt)
    .option('--min-accuracy <share>', 'least live accuracy of the candidate', numberFlag)
    .option('--max-accuracy-drop <share>', "most live accuracy lost against production's", numberFlag)
    .option('--min-agreement <share>', 'least share of texts decided like production', numberFlag)
    .option('--reason <text>', 'why (kept in the history and the alias moves)')
    .action(async (name, options, command) => {
      const context = contextOf(command, io);
      const state = await context.clients.inference.rollout.start({
        params: { name },
        body: startBody(options) as RolloutStartBody,
      });
      context.out.result(state, () => showState(context.out, state));
    });

  rollout
    .command('show')
    .description("Show the model's latest rollout: stage, requests, each guardrail's value and threshold, history")
    .argument('<model>', 'model name', nameArg)
    .action(async (name, _options, command) => {
      const context = contextOf(command, io);
      const state = await context.clients.inference.rollout.show({ params: { name } });
      context.out.result(state, () => showState(context.out, state));
    });

  rollout
    .command('abort')
    .description('Abort the running rollout: the candidate leaves shadow or canary, production is unchanged')
    .argument('<model>', 'model name', nameArg)
    .requiredOption('--reason <text>', 'why (kept in the history and in model.rolled-back)')
    .action(async (name, options, command) => {
      const context = contextOf(command, io);
      const state = await context.clients.inference.rollout.abort({
        params: { name },
        body: { reason: options.reason },
      });
      context.out.result(state, () => showState(context.out, state));
    });
}
