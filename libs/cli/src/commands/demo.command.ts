import { UpstreamError } from '@mlops/clients';
import type { PredictResponse } from '@mlops/contracts';
import type { Command } from '@commander-js/extra-typings';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { CORPUS_TAG, DEMO_TEXTS, SPAM_TASK, spamAssassinItems } from '../demo/spamassassin-items.js';
import type { IngestSummary } from '../ingest/ingest-items.js';
import { runIngest } from '../ingest/run-ingest.js';
import { pollUntil } from '../core/wait.js';
import { duration, percent } from '../output/format.js';
import { suiteReadiness } from '../suite/readiness.js';
import { repositoryRoot } from '../suite/repository.js';
import { runScript } from '../suite/run-script.js';
import { promoteByPolicy } from '../train/promote-version.js';
import { saveReport, waitForReport, reportUrl } from '../train/report-file.js';
import { followTraining, type TrainOutcome } from './train.command.js';
import { positiveInt } from './flag-parsers.js';

const DATASET = 'spamassassin-demo';
const MODEL = 'spamassassin';

/** Starts the local suite unless it is ready; true when it was started (a key may exist only now). */
async function ensureSuite(context: CommandContext): Promise<boolean> {
  const states = await suiteReadiness(context.settings, context.clients);
  if (states.every((s) => s.state === 'ready')) return false;
  context.out.note(
    'starting the local suite (scripts/up: installs what is missing, builds, starts the servers and services) ...',
  );
  await runScript(repositoryRoot(context.io.cwd), 'up', [], true, context.io.env);
  return true;
}

/** The dataset version to train on: the latest when nothing new was ingested, else a new one. */
async function datasetVersion(
  context: CommandContext,
  ingestedNew: boolean,
): Promise<{ version: number; frozen: boolean }> {
  const store = context.clients.featureStore.datasets;
  let latest = 0;
  try {
    latest = (await store.get({ params: { name: DATASET } })).latestVersion;
  } catch (error) {
    if (!(error instanceof UpstreamError && error.status === 404)) throw error;
    await store.create({
      body: {
        name: DATASET,
        task: SPAM_TASK,
        description: 'SpamAssassin public corpus (spam / ham), ingested by mlops demo',
        filter: { metadata: CORPUS_TAG },
      },
    });
  }
  if (latest > 0 && !ingestedNew) return { version: latest, frozen: false };
  return { version: (await store.freeze({ params: { name: DATASET } })).version, frozen: true };
}

/** Records in the latest frozen version of the demo's dataset (0 when there is none). */
async function latestRecordCount(context: CommandContext): Promise<number> {
  const store = context.clients.featureStore.datasets;
  try {
    const { latestVersion } = await store.get({ params: { name: DATASET } });
    if (latestVersion < 1) return 0;
    return (await store.version({ params: { name: DATASET, version: latestVersion } })).recordCount;
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return 0;
    throw error;
  }
}

/** The production version when it was trained on this dataset version (then the demo trains nothing). */
async function servingVersion(context: CommandContext, version: number): Promise<number | undefined> {
  try {
    const production = await context.clients.registry.aliases.resolve({ params: { name: MODEL, alias: 'production' } });
    const lineage = production.modelVersion.lineage;
    return lineage?.datasetName === DATASET && lineage.datasetVersion === version ? production.version : undefined;
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Predicts the demo texts with the production route once inference serves `version` (it loads it
 * on `model.promoted`); an inference that does not serve the model (not in its MODELS) answers
 * through the version route instead, which loads the version on demand.
 */
async function servedPrediction(
  context: CommandContext,
  version: number,
): Promise<{ answer: PredictResponse; path: string }> {
  const { inference } = context.clients;
  const body = { texts: [...DEMO_TEXTS] };
  const spinner = context.out.spinner(`waiting for inference to serve ${MODEL} v${version}`).start();
  try {
    return await pollUntil(
      async () => {
        try {
          const answer = await inference.predict({ params: { name: MODEL }, body });
          return answer.version === version ? { answer, path: `/v1/models/${MODEL}/predict` } : undefined;
        } catch (error) {
          if (error instanceof UpstreamError && error.code === 'INFERENCE_MODEL_NOT_FOUND') {
            const answer = await inference.predictVersion({ params: { name: MODEL, version }, body });
            return { answer, path: `/v1/models/${MODEL}/versions/${version}/predict` };
          }
          if (error instanceof UpstreamError && (error.status === 404 || error.status === 503)) return undefined;
          throw error;
        }
      },
      {
        signal: context.io.signal,
        intervalMs: 500,
        timeoutMs: 120_000,
        timeoutHint: `inference did not serve ${MODEL} v${version} within 2 minutes: see \`mlops logs inference\``,
        resumeHint: `The model is promoted; try \`mlops predict --model ${MODEL} "some text"\`.`,
      },
    );
  } finally {
    spinner.stop();
  }
}

/** `mlops demo`: from nothing to a served model and its PDF report, in one command. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .summary('Zero to a served model: suite up, SpamAssassin ingested, trained, reported, promoted, predicting')
    .description(
      'From zero to a served model: start the local suite if needed, ingest 1,200 e-mails of the SpamAssassin corpus (npm package), freeze a dataset, train with the default config, save the PDF report, promote, and predict two texts. Running it again reuses what exists',
    )
    .option('--limit <n>', 'ingest an evenly spread sample of n e-mails (6046 for the whole corpus)', positiveInt, 1200)
    .option('-o, --output <file>', 'where to save the PDF report', 'reports/demo/spamassassin.pdf')
    .option('--no-up', 'do not start the local suite; fail when it is not running')
    .action(async (options, command) => {
      let context = contextOf(command, io);
      const started = Date.now();
      if (options.up && (await ensureSuite(context))) context = contextOf(command, io);
      const { out } = context;
      const items = spamAssassinItems(options.limit);
      const frozen = await latestRecordCount(context);
      let ingest: IngestSummary | undefined;
      if (frozen === items.length) {
        out.note(`${DATASET} already holds the ${items.length} e-mails: nothing to ingest`);
      } else {
        out.note(`ingesting ${items.length} SpamAssassin e-mails ...`);
        ingest = await runIngest(context, items, { wait: true });
        out.note(
          `ingested: ready ${ingest.ready}, duplicate ${ingest.duplicate}, failed ${ingest.failed} (${duration(ingest.seconds)})`,
        );
      }
      const dataset = await datasetVersion(context, ingest !== undefined && ingest.duplicate < ingest.documents);
      out.note(`dataset ${DATASET} v${dataset.version}${dataset.frozen ? ' (frozen now)' : ' (reused)'}`);
      let version = await servingVersion(context, dataset.version);
      let training: TrainOutcome | undefined;
      if (version === undefined) {
        const job = await context.clients.trainingJobs.submit({
          body: {
            modelName: MODEL,
            task: SPAM_TASK,
            dataset: { name: DATASET, version: dataset.version },
            requestedBy: 'mlops-demo',
          },
        });
        out.note(`training job ${job.id} queued`);
        training = await followTraining(
          context,
          job.id,
          {
            report: { wait: true },
            promote: { alias: 'production', minMacroF1: 0.5, maxRegression: 0.01 },
          },
          options.output,
        );
        version = training.model?.version;
        if (training.promotion && !training.promotion.promote) {
          throw new CliError(EXIT.failure, `the model was not promoted: ${training.promotion.reason}`, 'NOT_PROMOTED');
        }
      } else out.note(`${MODEL} v${version} already serves dataset v${dataset.version}: nothing to train`);
      if (version === undefined) throw new CliError(EXIT.failure, 'training registered no version', 'NO_VERSION');
      const report = training?.report ?? {
        ...(await waitForReport(context, MODEL, version)),
        url: reportUrl(context, MODEL, version),
        ...(await saveReport(context, MODEL, version, options.output)),
      };
      if (training === undefined)
        await promoteByPolicy(
          context,
          { alias: 'production', minMacroF1: 0, maxRegression: 1 },
          MODEL,
          version,
          'mlops-demo',
        );
      const { answer, path } = await servedPrediction(context, version);
      const inferenceUrl = context.settings.endpoints.inferenceUrl;
      const auth = context.settings.apiKey === undefined ? '' : ` -H "authorization: Bearer $MLOPS_API_KEY"`;
      const curl = `curl -s ${inferenceUrl}${path} -H 'content-type: application/json'${auth} -d '{"texts": ["Win a free cruise, click now"]}'`;
      const summary = {
        seconds: (Date.now() - started) / 1000,
        ingest: ingest
          ? { documents: ingest.documents, ready: ingest.ready, duplicate: ingest.duplicate, failed: ingest.failed }
          : { skipped: true },
        dataset: { name: DATASET, ...dataset },
        model: { name: MODEL, version, trained: training !== undefined, metrics: training?.metrics },
        report,
        predictions: answer.predictions.map((p, i) => ({
          text: DEMO_TEXTS[i],
          label: p.label,
          p: p.probabilities[0]?.p,
        })),
        try: {
          curl,
          cli: `mlops predict --model ${MODEL}${path.includes('/versions/') ? ` --model-version ${version}` : ''} "Win a free cruise, click now"`,
        },
      };
      out.result(summary, () => {
        out.line(`${out.c.green('done')} in ${duration(summary.seconds)}: ${MODEL} v${version} serves as production`);
        if (training)
          out.line(
            `test macro-F1 ${percent(training.metrics?.macroF1 as number | undefined)}, accuracy ${percent(training.metrics?.accuracy as number | undefined)}`,
          );
        for (const p of summary.predictions)
          out.line(`  ${out.c.bold(p.label.padEnd(5))} ${percent(p.p).padStart(6)}  ${p.text ?? ''}`);
        out.line(`report: ${'path' in report ? String(report.path) : report.url}`);
        out.line('try it:');
        out.line(`  ${curl}`);
        out.line(`  ${summary.try.cli}`);
      });
    });
}
