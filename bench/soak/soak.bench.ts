/**
 * Soak benchmark: the inference service as shipped (services/inference from source, its own
 * process, against the local MongoDB and RabbitMQ of `scripts/infra`, checking every caller's key
 * with feature-store, started beside it as the key owner), serving the SpamAssassin
 * model the serving bench trains, under bounded load (autocannon on loopback, a fixed request
 * rate over a fixed number of connections, one text per request; the per-key rate limit off) for a long run cut into windows. Each window reports its
 * p99 and the service's RSS at its end; the rows give the first and last window and the
 * least-squares slope of both over the run, which is about 0 when nothing accumulates.
 *
 *   pnpm bench soak            (BENCH_SOAK_SECONDS, default 300; BENCH_SOAK_WINDOW_SECONDS, default 30;
 *                               BENCH_SOAK_CONNECTIONS, default 8; BENCH_SOAK_RATE, req/s, default 200)
 *   pnpm bench soak --quick    (60 s in 10 s windows: a smoke run, written to bench/results/soak-quick.json)
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { freePort } from '@mlops/testing';
import { startKeyOwner } from '../lib/key-owner.js';
import { runLoad } from '../lib/load.js';
import { runMeasured } from '../lib/measure.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { startInferenceService } from '../serving/suite/inference-service.js';
import { prepareSpamAssassinServingModel } from '../serving/suite/spamassassin-serving-model.js';
import { slopePerMinute, summariseWindows, type SoakWindow } from './windows.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;
const quick = process.argv.includes('--quick');
const TOTAL_SECONDS = quick ? 60 : Number(process.env.BENCH_SOAK_SECONDS ?? '300');
const WINDOW_SECONDS = quick ? 10 : Number(process.env.BENCH_SOAK_WINDOW_SECONDS ?? '30');
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? '8');
/** The bound on the load: requests per second over all connections, well under what the service answers flat out. */
const RATE = Number(process.env.BENCH_SOAK_RATE ?? '200');
const WARMUP_SECONDS = 5;
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
/** feature-store's database while it is the run's key owner (dropped before and after). */
const FEATURE_STORE_DB = 'bench_soak_feature_store';

log('loading spamassassin');
const { model, medianEmail: single } = await prepareSpamAssassinServingModel('soak');
const workDir = model.workDir;
const body = JSON.stringify({ texts: [single.text] });

try {
  log('training the suite model (libs/ml default linear)');
  await runMeasured(process.execPath, [
    '--conditions=source',
    '--import',
    'tsx',
    here('../serving/suite/train-export.ts'),
    model.trainFile,
    workDir,
  ]);
  log('starting feature-store (the key owner inference asks about callers keys)');
  const keyOwner = await startKeyOwner({ label: 'benchsoak', mongoDb: FEATURE_STORE_DB });
  const AUTHORIZATION = keyOwner.headers;
  const port = await freePort();
  const service = await startInferenceService({ model, port, probeBody: body, keyOwner }).catch(
    async (error: unknown) => {
      await keyOwner.stop();
      throw error;
    },
  );
  const url = `http://127.0.0.1:${port}/v1/models/${model.name}/predict`;
  const windows: SoakWindow[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  try {
    await runLoad({
      url,
      body,
      connections: CONNECTIONS,
      durationSeconds: WARMUP_SECONDS,
      overallRate: RATE,
      headers: AUTHORIZATION,
    });
    const started = performance.now();
    const count = Math.max(2, Math.round(TOTAL_SECONDS / WINDOW_SECONDS));
    log(`soak: ${count} windows of ${WINDOW_SECONDS} s at ${RATE} req/s over ${CONNECTIONS} connections`);
    for (let index = 0; index < count; index += 1) {
      const result = await runLoad({
        url,
        body,
        connections: CONNECTIONS,
        durationSeconds: WINDOW_SECONDS,
        overallRate: RATE,
        headers: AUTHORIZATION,
      });
      const window: SoakWindow = {
        index,
        endSeconds: (performance.now() - started) / 1000,
        rssMb: (service.server.rssBytes() ?? NaN) / MB,
        p99Ms: result.p99Ms,
        p50Ms: result.p50Ms,
        requestsPerSecond: result.requestsPerSecond,
        ok: result.ok,
        failed: result.failed,
      };
      windows.push(window);
      log(
        `window ${index + 1}/${count}: ${window.requestsPerSecond.toFixed(0)} req/s, p99 ${window.p99Ms.toFixed(2)} ms, ` +
          `RSS ${window.rssMb.toFixed(1)} MB, failed ${window.failed}`,
      );
    }
  } finally {
    await service.stop();
    await keyOwner.stop();
  }
  const summary = summariseWindows(windows);
  const system = 'mlops-suite inference service';
  const caseName = `1 text/request, ${RATE} req/s over ${CONNECTIONS} connections, ${windows.length} × ${WINDOW_SECONDS} s`;
  const rows: BenchRow[] = [
    { system, case: caseName, metric: 'p99 first window', value: round(summary.first.p99Ms, 2), unit: 'ms' },
    { system, case: caseName, metric: 'p99 last window', value: round(summary.last.p99Ms, 2), unit: 'ms' },
    { system, case: caseName, metric: 'p99 slope', value: round(summary.p99SlopePerMinute, 3), unit: 'ms/min' },
    { system, case: caseName, metric: 'RSS first window', value: round(summary.first.rssMb, 1), unit: 'MB' },
    { system, case: caseName, metric: 'RSS last window', value: round(summary.last.rssMb, 1), unit: 'MB' },
    { system, case: caseName, metric: 'RSS slope', value: round(summary.rssSlopePerMinute, 3), unit: 'MB/min' },
    { system, case: caseName, metric: 'throughput', value: round(summary.requestsPerSecond, 0), unit: 'req/s' },
    { system, case: caseName, metric: 'failed responses', value: summary.failed, unit: 'count' },
  ];
  const notes = [
    `${quick ? 'quick smoke run' : 'full run'}: ${windows.length} windows of ${WINDOW_SECONDS} s after a ${WARMUP_SECONDS} s warm-up; RSS read from /proc at the end of each window`,
    `load average before the run ${loadBefore.toFixed(2)}, after ${(loadavg()[0] ?? 0).toFixed(2)} (2 shared cores; other work ran beside it)`,
    'slopes: least squares over all windows against the window end time',
  ];
  const table = [
    '| window | end s | req/s | p50 ms | p99 ms | RSS MB | failed |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...windows.map(
      (w) =>
        `| ${w.index + 1} | ${w.endSeconds.toFixed(0)} | ${w.requestsPerSecond.toFixed(0)} | ${w.p50Ms.toFixed(2)} | ${w.p99Ms.toFixed(2)} | ${w.rssMb.toFixed(1)} | ${w.failed} |`,
    ),
  ];
  const generic = writeResults(quick ? 'soak-quick' : 'soak', rows, notes, {
    quick,
    connections: CONNECTIONS,
    windowSeconds: WINDOW_SECONDS,
    windows,
    rssSlopeMbPerMinute: slopePerMinute(windows, (w) => w.rssMb),
  });
  process.stdout.write(`${table.join('\n')}\n\n${generic}\n`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
