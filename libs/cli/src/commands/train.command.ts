import type { Command } from '@commander-js/extra-typings';
import { readJsonFile } from '../config/read-json-file.js';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { duration } from '../output/format.js';
import { metricsTables } from '../train/metrics-table.js';
import { promoteByPolicy, type PromotionOutcome } from '../train/promote-version.js';
import { reportUrl, saveReport, waitForReport } from '../train/report-file.js';
import { resolveDataset, type ResolvedDataset } from '../train/resolve-dataset.js';
import { checkConfig, submitJob } from '../train/submit-job.js';
import { trainFileSchema, type TrainFile } from '../train/train-file.js';
import { watchJob } from '../train/watch-job.js';

/** What `mlops train` did, end to end (its `--json` document). */
export interface TrainOutcome {
  readonly jobId: string;
  readonly dataset?: ResolvedDataset;
  readonly status: string;
  readonly model?: { name: string; version: number };
  readonly metrics?: Record<string, unknown>;
  readonly epochs: number;
  readonly seconds: number;
  readonly report?: { status: string; url: string; path?: string; bytes?: number; error?: unknown };
  readonly promotion?: PromotionOutcome;
}

/**
 * Follows a queued job to its end, then the report and the promotion the file asks for; throws
 * (exit 1) when the job did not succeed.
 */
export async function followTraining(
  context: CommandContext,
  jobId: string,
  file: Pick<TrainFile, 'promote' | 'report'> | undefined,
  reportOutput: string | undefined,
  dataset?: ResolvedDataset,
): Promise<TrainOutcome> {
  const started = Date.now();
  const { job, run, epochs } = await watchJob(context, jobId);
  const base = { jobId, status: job.status, epochs: epochs.length, ...(dataset ? { dataset } : {}) };
  if (job.status !== 'succeeded' || !run?.modelVersion) {
    const why = job.error ? `${job.error.code}: ${job.error.message}` : job.status;
    throw new CliError(EXIT.failure, `training job ${jobId} ${job.status}: ${why}`, 'TRAINING_FAILED');
  }
  const model = run.modelVersion;
  const version = await context.clients.registry.versions.get({ params: { name: model.name, version: model.version } });
  const outcome: { -readonly [K in keyof TrainOutcome]: TrainOutcome[K] } = {
    ...base,
    model,
    metrics: version.metrics,
    seconds: (Date.now() - started) / 1000,
  };
  const output = reportOutput ?? file?.report.output;
  if (file?.report.wait !== false || output !== undefined) {
    const report = await waitForReport(context, model.name, model.version);
    outcome.report = { status: report.status, url: reportUrl(context, model.name, model.version) };
    if (report.status === 'failed') outcome.report.error = report.error;
    else if (output !== undefined)
      Object.assign(outcome.report, await saveReport(context, model.name, model.version, output));
  }
  if (file?.promote) {
    outcome.promotion = await promoteByPolicy(
      context,
      file.promote,
      model.name,
      model.version,
      context.io.env.USER ?? 'mlops-cli',
    );
  }
  return outcome;
}

/** Prints the end of a training: metrics, report, promotion decision. */
export function printTraining(context: CommandContext, outcome: TrainOutcome): void {
  const { out } = context;
  out.result(outcome, () => {
    if (outcome.model) {
      out.line(
        `${out.c.green('trained')} ${out.c.bold(`${outcome.model.name} v${outcome.model.version}`)} (job ${outcome.jobId}, ${outcome.epochs} epochs, ${duration(outcome.seconds)})`,
      );
    }
    if (outcome.metrics) out.line(metricsTables(out, outcome.metrics));
    if (outcome.report) {
      out.line(
        `report: ${outcome.report.url}${outcome.report.status === 'ready' ? '' : ` (${outcome.report.status})`}`,
      );
      if (outcome.report.path) out.line(`saved:  ${outcome.report.path}`);
    }
    if (outcome.promotion) {
      const p = outcome.promotion;
      out.line(
        p.promote
          ? `${out.c.green('promoted')} to ${p.alias}: ${p.reason}`
          : `${out.c.yellow('not promoted')} to ${p.alias}: ${p.reason}`,
      );
    } else if (outcome.model) {
      out.line(
        `not promoted (no "promote" in the file): \`mlops models promote ${outcome.model.name} ${outcome.model.version}\``,
      );
    }
  });
}

/** `mlops train --config train.json`: dataset version, job, live epochs, metrics, report, promotion. */
export function registerTrainCommand(program: Command, io: CliIo): void {
  program
    .command('train')
    .summary('Train end to end from train.json: epochs, metrics, report, promotion')
    .description(
      'Train end to end from a config file: create/freeze the dataset version when asked, queue the job, show each epoch (loss, validation macro-F1, ETA), then the test metrics, the report (saved with -o) and the promotion decision',
    )
    .option(
      '-c, --config <file>',
      'train.json: the POST /v1/training-jobs body, plus dataset.freeze/definition, promote, report',
    )
    .option('-o, --output <file>', 'save the PDF report here')
    .option(
      '--watch <job-id>',
      'watch a job already queued (after Ctrl-C); with --config, its report and promote sections apply',
    )
    .option('--cancel <job-id>', 'cancel a job (a running one stops after its current epoch)')
    .option('--no-wait', 'queue the job and print its id')
    .action(async (options, command) => {
      const context = contextOf(command, io);
      if (options.cancel !== undefined) {
        const job = await context.clients.trainingJobs.cancel({ params: { id: options.cancel } });
        context.out.result(job, () => context.out.line(`job ${job.id}: ${job.status}`));
        return;
      }
      const path = options.config;
      const file = path === undefined ? undefined : readJsonFile(path, trainFileSchema, EXIT.failure);
      if (options.watch !== undefined) {
        printTraining(context, await followTraining(context, options.watch, file, options.output));
        return;
      }
      if (file === undefined || path === undefined)
        throw new CliError(EXIT.usage, 'give --config train.json (or --watch JOB)', 'USAGE');
      await checkConfig(context, file, path);
      const dataset = await resolveDataset(context, file.dataset, file.task, path);
      context.out.note(
        `dataset ${dataset.name} v${dataset.version}${dataset.frozen ? ` (frozen now${dataset.recordCount === undefined ? '' : `, ${dataset.recordCount} records`})` : ''}`,
      );
      const job = await submitJob(context, file, dataset, path);
      context.out.note(`job ${job.id} queued`);
      if (!options.wait) {
        context.out.result({ jobId: job.id, status: job.status, dataset }, () => context.out.line(job.id));
        return;
      }
      printTraining(context, await followTraining(context, job.id, file, options.output, dataset));
    });
}
