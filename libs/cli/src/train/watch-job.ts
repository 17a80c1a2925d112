import { UpstreamError } from '@mlops/clients';
import type { TrainingJob, TrainingRun } from '@mlops/contracts';
import type { CommandContext } from '../core/context.js';
import { pollUntil } from '../core/wait.js';
import { duration, fixed, percent } from '../output/format.js';
import { progressBar } from '../output/progress-bar.js';
import { epochProgress, type EpochProgress } from './epoch-progress.js';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** How a watched job ended, with its run and every epoch seen. */
export interface WatchedJob {
  readonly job: TrainingJob;
  readonly run: TrainingRun | undefined;
  readonly epochs: EpochProgress[];
}

async function runOf(context: CommandContext, jobId: string): Promise<TrainingRun | undefined> {
  try {
    return await context.clients.registry.runs.get({ params: { id: jobId } });
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return undefined;
    throw error;
  }
}

function epochLine(context: CommandContext, point: EpochProgress): string {
  const { c } = context.out;
  return (
    `epoch ${String(point.epoch).padStart(String(point.epochs).length)}/${point.epochs}  ` +
    `loss ${fixed(point.trainLoss)}  val loss ${fixed(point.validationLoss)}  ` +
    `val macro-F1 ${c.bold(percent(point.validationMacroF1))}  ` +
    `${point.seconds === undefined ? '' : `${point.seconds.toFixed(1)}s`}  ETA ${duration(point.etaSeconds)}`
  );
}

/**
 * Follows a job to its end from its resource and its run's recorded epochs (the figures of
 * `training.progress`): a bar per epoch at a terminal, one line per epoch otherwise, nothing
 * with `--json`. Ctrl-C stops watching; the job goes on.
 */
export async function watchJob(context: CommandContext, jobId: string): Promise<WatchedJob> {
  const { out } = context;
  const spinner = out.spinner(`job ${jobId} queued`).start();
  const bar = progressBar(
    out,
    'epoch {value}/{total} [{bar}] loss {loss} | val loss {valLoss} | val F1 {valF1} | ETA {eta}',
  );
  let shown = 0;
  let barStarted = false;
  let finalPhase = false;
  let last: WatchedJob | undefined;
  try {
    last = await pollUntil(
      async () => {
        const job = await context.clients.trainingJobs.get({ params: { id: jobId } });
        const run = job.status === 'queued' ? undefined : await runOf(context, jobId);
        const epochs = run ? epochProgress(run) : [];
        if (epochs.length === 0 && !FINISHED.has(job.status)) {
          spinner.text =
            job.status === 'queued'
              ? `job ${jobId} queued`
              : `job ${jobId} running: reading the dataset, fitting the featurizer`;
        }
        for (const point of epochs.slice(shown)) {
          if (out.interactive) {
            if (!barStarted) {
              spinner.stop();
              bar.start(point.epochs, 'train', {});
              barStarted = true;
            }
            bar.update(point.epoch, {
              loss: fixed(point.trainLoss),
              valLoss: fixed(point.validationLoss),
              valF1: percent(point.validationMacroF1),
              eta: duration(point.etaSeconds),
            });
          } else out.note(epochLine(context, point));
        }
        shown = Math.max(shown, epochs.length);
        const last = epochs.at(-1);
        if (!finalPhase && last !== undefined && last.epoch === last.epochs && !FINISHED.has(job.status)) {
          finalPhase = true;
          bar.stop();
          spinner.start('evaluating on the test split, refitting on all rows, exporting to ONNX, registering');
        }
        return FINISHED.has(job.status) && (job.status !== 'succeeded' || run?.status !== 'running')
          ? { job, run, epochs }
          : undefined;
      },
      {
        signal: context.io.signal,
        intervalMs: 500,
        resumeHint: `The job goes on server-side; watch it again with \`mlops train --watch ${jobId}\` (or cancel it with \`mlops train --cancel ${jobId}\`).`,
      },
    );
  } finally {
    bar.stop();
    spinner.stop();
  }
  return last;
}
