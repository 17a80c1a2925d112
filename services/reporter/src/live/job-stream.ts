import { PassThrough } from 'node:stream';
import { QUICK_RETRY } from '@mlops/clients';
import type { LiveEndEvent, LiveEpoch, TrainingJob, TrainingRun } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import { reporterErrors } from '../errors.js';
import { asRouteError, isNotFound, type Upstreams } from '../upstreams/upstreams.js';
import { eventEnd, jobEnd, plannedEpochsOf, progressEpoch, recordedEpochs } from './live-epochs.js';
import { SseWriter } from './sse-writer.js';
import type { FeedMessage, TrainingFeed } from './training-feed.js';

/** What a live stream works with. */
export interface JobStreamDeps {
  readonly feed: TrainingFeed;
  readonly upstreams: Upstreams;
  /** Time between two comment lines on an idle stream. */
  readonly heartbeatMs: number;
  /**
   * Heartbeats between two reads of the job and its run from dl-trainer, which fill in what the
   * feed missed (events published while this replica's broker connection was down).
   */
  readonly catchUpEvery: number;
}

/** One open stream: what was sent, and how it ends. */
class JobStream {
  readonly #sse: SseWriter;
  #lastEpoch: number;
  #ticks = 0;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;
  /** What the feed delivered before `start`. */
  #pending: FeedMessage[] | undefined = [];
  #unsubscribe: () => void = () => undefined;

  constructor(
    readonly out: PassThrough,
    private readonly deps: JobStreamDeps,
    private readonly jobId: string,
    lastEventId: number,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {
    this.#sse = new SseWriter(out);
    this.#lastEpoch = lastEventId;
    out.on('close', () => this.#stop());
  }

  /** Listens to the feed; what arrives before `start` is kept for it. */
  subscribe(): void {
    this.#unsubscribe = this.deps.feed.subscribe(this.jobId, (message) => {
      if (this.#pending) this.#pending.push(message);
      else this.receive(message);
    });
  }

  start(job: TrainingJob, run: TrainingRun | undefined): void {
    const pending = this.#pending ?? [];
    this.#pending = undefined;
    this.#sse.event('job', { job, plannedEpochs: plannedEpochsOf(run?.config ?? job.request.config) });
    this.#catchUp(job, run);
    for (const message of pending) this.receive(message);
    if (this.#ended) return;
    this.#timer = setInterval(() => this.#tick(), this.deps.heartbeatMs);
    this.#timer.unref();
  }

  receive(message: FeedMessage): void {
    if (message.kind === 'epoch') this.#epoch(progressEpoch(message.event));
    else if (message.kind === 'end') this.#end(eventEnd(message.event));
    else this.#stop();
  }

  #epoch(epoch: LiveEpoch): void {
    if (this.#ended || epoch.epoch <= this.#lastEpoch) return;
    this.#lastEpoch = epoch.epoch;
    this.#sse.event('epoch', epoch, epoch.epoch);
  }

  #catchUp(job: TrainingJob, run: TrainingRun | undefined): void {
    for (const epoch of run ? recordedEpochs(run) : []) this.#epoch(epoch);
    const end = jobEnd(job);
    if (end) this.#end(end);
  }

  #end(end: LiveEndEvent): void {
    if (this.#ended) return;
    this.#sse.event('end', end);
    this.#stop();
  }

  #tick(): void {
    this.#sse.comment('heartbeat');
    this.#ticks += 1;
    if (this.#ticks % this.deps.catchUpEvery !== 0) return;
    readJobAndRun(this.deps.upstreams, this.jobId).then(
      ({ job, run }) => this.#catchUp(job, run),
      (error: unknown) => this.logger.warn({ err: error, jobId: this.jobId }, 'live stream could not catch up'),
    );
  }

  #stop(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#timer);
    this.#unsubscribe();
    this.#sse.end();
  }
}

async function readJobAndRun(
  upstreams: Upstreams,
  jobId: string,
): Promise<{ job: TrainingJob; run: TrainingRun | undefined }> {
  const job = await upstreams.trainingJobs.get({ params: { id: jobId } }, { retry: QUICK_RETRY });
  let run: TrainingRun | undefined;
  try {
    run = await upstreams.registry.runs.get({ params: { id: jobId } }, { retry: QUICK_RETRY });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return { job, run };
}

/**
 * Opens the live stream of a training job: subscribes to the feed first (so nothing published
 * while the job and its run are read is lost), reads them from dl-trainer, and writes the `job`
 * event, the epochs after `lastEventId` and, for a finished job, `end`. Route errors (limit
 * reached, unknown job, dl-trainer down) are thrown before any byte is written.
 */
export async function openJobStream(
  deps: JobStreamDeps,
  jobId: string,
  lastEventId: number,
  logger: Pick<Logger, 'warn'>,
): Promise<PassThrough> {
  const out = new PassThrough();
  const stream = new JobStream(out, deps, jobId, lastEventId, logger);
  stream.subscribe();
  let read;
  try {
    read = await readJobAndRun(deps.upstreams, jobId);
  } catch (error) {
    out.destroy();
    if (isNotFound(error)) throw reporterErrors.jobNotFound(`dl-trainer has no training job ${jobId}`);
    throw asRouteError(error);
  }
  stream.start(read.job, read.run);
  return out;
}
