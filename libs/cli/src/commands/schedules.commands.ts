import type { Command } from '@commander-js/extra-typings';
import { modelNameSchema, scheduleCreateSchema, type PromotionDecision, type Schedule } from '@mlops/contracts';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import { readJsonFile } from '../config/read-json-file.js';
import { EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { percent } from '../output/format.js';
import { positiveInt, slugFlag } from './flag-parsers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scheduleId(value: string): string {
  if (!UUID.test(value)) throw new InvalidArgumentError('a schedule id (a UUID, see mlops schedules list)');
  return value.toLowerCase();
}

/** The human lines of a schedule. */
function describeSchedule(context: CommandContext, schedule: Schedule): void {
  const { out } = context;
  const { request } = schedule;
  out.line(`${out.c.bold(`schedule ${schedule.id}`)} (${schedule.status}) for model ${request.modelName}`);
  out.line(`  cron ${request.cron} in ${request.timezone}; next tick ${schedule.nextTickAt ?? '- (paused)'}`);
  out.line(
    `  dataset ${request.dataset.name} (${request.dataset.mode}), holdout ${request.holdout.name} v${request.holdout.version}, training: ${request.training.kind}`,
  );
  const { policy } = request;
  out.line(
    `  policy ${policy.mode}: min macro-F1 gain ${percent(policy.minImprovement ?? 0)}, max class F1 drop ${percent(policy.maxClassDrop ?? 0.05)}, unchanged data: ${policy.onUnchangedData}`,
  );
  if (policy.rollout)
    out.line(
      `  promotes through a rollout in inference: ${policy.rollout.stages.map((stage) => (stage.stage === 'canary' ? `canary ${percent(stage.share)}` : stage.stage)).join(' → ')} → production`,
    );
  out.line(
    `  cron occurrences handled up to ${schedule.lastTickAt ?? '-'}; dataset version last trained on: ${schedule.lastDatasetVersion ?? '-'}`,
  );
}

function printSchedule(context: CommandContext, schedule: Schedule): void {
  context.out.result(schedule, () => describeSchedule(context, schedule));
}

/** `mlops schedules create | list | show | pause | resume | run-now | delete`. */
export function registerScheduleCommands(program: Command, io: CliIo): void {
  const schedules = program
    .command('schedules')
    .description('Scheduled retraining: freeze, train, score on a fixed holdout and promote by policy');

  schedules
    .command('create')
    .description('Create a schedule from a JSON file (the body of POST /v1/schedules)')
    .requiredOption('--file <file>', 'schedule JSON: {modelName, cron, timezone, dataset, holdout, training, policy}')
    .action(async (options, command) => {
      const context = contextOf(command, io);
      const body = readJsonFile(options.file, scheduleCreateSchema, EXIT.failure);
      printSchedule(context, await context.clients.retraining.schedules.create({ body }));
    });

  schedules
    .command('list')
    .description('List schedules with their status and next tick')
    .action(async (_options, command) => {
      const context = contextOf(command, io);
      const page = await context.clients.retraining.schedules.list({ query: { limit: 200 } });
      context.out.result(page.items, () =>
        context.out.line(
          page.items.length === 0
            ? 'no schedule yet (mlops schedules create --file schedule.json)'
            : context.out.table(
                ['id', 'model', 'status', 'cron', 'zone', 'next tick'],
                page.items.map((s) => [
                  s.id,
                  s.request.modelName,
                  s.status,
                  s.request.cron,
                  s.request.timezone,
                  s.nextTickAt ?? '-',
                ]),
              ),
        ),
      );
    });

  schedules
    .command('show')
    .description('Show a schedule and its latest ticks (what each froze, trained and decided)')
    .argument('<id>', 'schedule id', scheduleId)
    .action(async (id, _options, command) => {
      const context = contextOf(command, io);
      const { retraining } = context.clients;
      const schedule = await retraining.schedules.get({ params: { id } });
      const ticks = await retraining.schedules.ticks({ params: { id }, query: { limit: 10 } });
      const { out } = context;
      out.result({ ...schedule, ticks: ticks.items }, () => {
        describeSchedule(context, schedule);
        if (ticks.items.length === 0) {
          out.line('no tick yet');
          return;
        }
        out.line(
          out.table(
            ['tick', 'trigger', 'state', 'dataset', 'version', 'reason (or stage)'],
            ticks.items.map((t) => [
              t.scheduledFor,
              t.trigger,
              t.state,
              t.datasetVersion ?? '-',
              t.modelVersion ?? '-',
              t.reason ?? t.stage,
            ]),
          ),
        );
      });
    });

  for (const [name, description] of [
    ['pause', 'Pause a schedule: no tick starts until it is resumed (a running tick finishes)'],
    ['resume', 'Resume a schedule from now (ticks missed while paused do not run)'],
  ] as const) {
    schedules
      .command(name)
      .description(description)
      .argument('<id>', 'schedule id', scheduleId)
      .option('--reason <text>', 'why (logged)')
      .action(async (id, options, command) => {
        const context = contextOf(command, io);
        const body = options.reason === undefined ? {} : { reason: options.reason };
        printSchedule(context, await context.clients.retraining.schedules[name]({ params: { id }, body }));
      });
  }

  schedules
    .command('run-now')
    .description('Start a tick now, also on a paused schedule')
    .argument('<id>', 'schedule id', scheduleId)
    .action(async (id, _options, command) => {
      const context = contextOf(command, io);
      const tick = await context.clients.retraining.schedules.runNow({ params: { id } });
      context.out.result(tick, () => context.out.line(`tick ${tick.id} started (see mlops schedules show ${id})`));
    });

  schedules
    .command('delete')
    .description('Delete a schedule (its ticks and decisions are kept)')
    .argument('<id>', 'schedule id', scheduleId)
    .action(async (id, _options, command) => {
      const context = contextOf(command, io);
      const removed = await context.clients.retraining.schedules.remove({ params: { id } });
      context.out.result(removed, () => context.out.line(`schedule ${id} deleted`));
    });
}

function figuresOf(decision: PromotionDecision): string {
  const figures = decision.figures;
  if (!figures) return '-';
  const production = figures.production ? ` vs ${percent(figures.production.macroF1)}` : '';
  return `${percent(figures.candidate.macroF1)}${production}`;
}

/** `mlops models decisions <model>`: the promotion decisions of a model, newest first. */
export function registerDecisionsCommand(models: Command, io: CliIo): void {
  models
    .command('decisions')
    .description('The promotion decisions of a model: automatic (holdout figures, policy, reason) and manual moves')
    .argument('<model>', 'model name', slugFlag('model', modelNameSchema))
    .option('--limit <n>', 'how many, newest first', positiveInt, 20)
    .action(async (name, options, command) => {
      const context = contextOf(command, io);
      const page = await context.clients.retraining.decisions.list({
        params: { name },
        query: { limit: options.limit },
      });
      const { out } = context;
      out.result(page.items, () => {
        if (page.items.length === 0) {
          out.line(`no promotion decision recorded for ${name} yet`);
          return;
        }
        out.line(
          out.table(
            ['decided', 'kind', 'action', 'version', 'production', 'holdout macro-F1', 'by', 'reason'],
            page.items.map((d) => [
              d.decidedAt,
              d.kind,
              d.action,
              d.version === null ? '-' : `v${d.version}`,
              d.previousProduction === null ? '-' : `v${d.previousProduction}`,
              figuresOf(d),
              d.decidedBy,
              d.reason,
            ]),
          ),
        );
        for (const d of page.items.filter((item) => item.rollout))
          out.line(`rollout of ${d.id}: ${d.rollout?.id ?? ''} (mlops rollout show ${name})`);
        for (const d of page.items.filter((item) => item.comparisonReport))
          out.line(
            `comparison report of ${d.id}: ${d.comparisonReport?.url ?? ''}${d.comparisonReport?.error ? ` (${d.comparisonReport.error})` : ''}`,
          );
      });
    });
}
