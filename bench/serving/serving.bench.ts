/**
 * Serving benchmark: one model trained once (SpamAssassin spam vs ham, the split of
 * bench/training/datasets.ts), then, side by side in one run, HTTP servers under autocannon load on
 * loopback (1 and 32 connections; one e-mail of median length, 32 e-mails of about that length, and
 * the first 32 test e-mails of mixed lengths per request; bounded in time) and ONNX Runtime called
 * in-process without HTTP. Every server is its own child process (peak RSS from /proc);
 * the load generator runs in this process, on the same 2 cores.
 *
 * The inference service (services/inference, as shipped) also runs in variants (batching off,
 * batching delays, request logging off, key cache nearly off) at 1 text and 32 connections, and
 * through a hot-swap soak: BENCH_SERVING_SWAPS promotions under load with its RSS before and after.
 * It checks API keys: feature-store runs beside it as the key owner (bench/lib/key-owner.ts) with
 * the run's key as its bootstrap admin key, and every request of every contender carries that key.
 *
 *   pnpm bench serving          (BENCH_SERVING_SECONDS per cell, default 5; BENCH_SERVING_WARMUP_SECONDS, default 1;
 *                                BENCH_SERVING_SWAPS, default 100; BENCH_SERVING_CPU_PROF_DIR: --cpu-prof of each inference process)
 *   pnpm bench serving --quick  (1 s cells, no warm-up, 4 swaps: a smoke run, written to bench/results/serving-quick.json)
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startKeyOwner, type KeyOwner } from '../lib/key-owner.js';
import { ensureGnuTime, runMeasured } from '../lib/measure.js';
import { useOwnVhost } from '../lib/infra.js';
import { ensurePythonVenv } from '../lib/python.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { SPLIT_SEED, TEST_FRACTION } from '../training/datasets.js';
import type { HttpContender } from './contender.js';
import { FASTAPI_SCRIPT, httpContenders, SERVING_PYTHON_REQUIREMENTS } from './contenders/index.js';
import { inferenceVariants, logCapOff, suiteInference } from './contenders/suite-inference.js';
import { measureContender, type Cell, type ContenderRun } from './http-cells.js';
import { lengths, requestBodies, type BodyName, type RequestBody } from './request-bodies.js';
import { prepareSpamAssassinServingModel } from './suite/spamassassin-serving-model.js';
import { runSwapSoak } from './swap-soak.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;
const quick = process.argv.includes('--quick');
const SECONDS = quick ? 1 : Number(process.env.BENCH_SERVING_SECONDS ?? '5');
const WARMUP_SECONDS = quick ? 0 : Number(process.env.BENCH_SERVING_WARMUP_SECONDS ?? '1');
const SWAPS = quick ? 4 : Number(process.env.BENCH_SERVING_SWAPS ?? '100');
/** feature-store's database while it is the run's key owner (dropped before and after). */
const KEY_OWNER_DB = 'bench_serving_feature_store';
const CONNECTIONS = [1, 32] as const;
const BODIES: readonly BodyName[] = ['single', 'median32', 'first32'];
const tsxArgs = (script: string): string[] => ['--conditions=source', '--import', 'tsx', script];
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const suiteTrainedSchema = z.object({
  fitSeconds: z.number(),
  backend: z.string(),
  features: z.number().int(),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  modelBytes: z.number().int(),
});
const sklearnTrainedSchema = z.object({
  fit_seconds: z.number(),
  accuracy: z.number(),
  features: z.number().int(),
  versions: z.record(z.string(), z.string()),
});
const loopSchema = z.object({
  batch: z.number().int(),
  calls: z.number().int(),
  seconds: z.number(),
  callsPerSecond: z.number(),
  textsPerSecond: z.number(),
  p50Ms: z.number(),
  p99Ms: z.number(),
  cpuMsPerCall: z.number(),
});
const inProcessSchema = z.object({
  accuracy: z.number(),
  testExamples: z.number().int(),
  loops: z.record(z.string(), loopSchema),
});

ensureGnuTime();
ensurePythonVenv(SERVING_PYTHON_REQUIREMENTS);

log('loading spamassassin');
const { split, model, medianEmail: single } = await prepareSpamAssassinServingModel('serving');
const workDir = model.workDir;

// Request bodies: the test e-mail of median body length, the 32 test e-mails closest to that length,
// and the first 32 test e-mails (split order, mixed lengths).
const bodies = requestBodies(split.test, single);
const textsFile = join(workDir, 'texts.json');
writeFileSync(textsFile, JSON.stringify(Object.fromEntries(BODIES.map((name) => [name, bodies[name].texts]))));

function bodiesNote(): string {
  const near = lengths(bodies.median32);
  const first = lengths(bodies.first32);
  return (
    `bodies: {"texts": [...]} holding one test e-mail body (${single.text.length} characters, the median length of the test part); ` +
    `"32 texts/request": the 32 test e-mails whose length is closest to the median (${near.min}–${near.max} characters, ${near.total} together), ` +
    `so that its texts/s compares with 1 text/request; "first 32 test e-mails, mixed lengths": the first 32 of the test part in split order ` +
    `(${first.min}–${first.max} characters, ${first.total} together), the 32-text body of runs before 2026-12-05 evening`
  );
}

const rows: BenchRow[] = [];
const notes: string[] = [];
const settings: Record<string, unknown> = {};
const load: Record<string, readonly [number, number]> = {};
const table: string[] = [
  '| system | texts/request | connections | req/s | texts/s | p50 ms | p99 ms | server CPU ms/req | failed | peak RSS MB |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const figure = (system: string, caseName: string, metric: string, value: number, unit: string): void => {
  rows.push({ system, case: caseName, metric, value, unit });
};
let keyOwner: KeyOwner | undefined;
const caseOf = (body: RequestBody, connections: number | null): string =>
  `${body.label}, ${connections === null ? 'in-process loop' : `${connections} connection${connections === 1 ? '' : 's'}`}`;

let dropVhost = (): Promise<void> => Promise.resolve();
try {
  dropVhost = await useOwnVhost('serving');
  log('training the suite model (libs/ml default linear) and the scikit-learn pipeline on the same train part');
  const suiteRun = await runMeasured(process.execPath, [
    ...tsxArgs(here('suite/train-export.ts')),
    model.trainFile,
    workDir,
  ]);
  const suiteTrained = suiteTrainedSchema.parse(JSON.parse(readFileSync(join(workDir, 'trained.json'), 'utf8')));
  const sklearnOut = join(workDir, 'sklearn-trained.json');
  await runMeasured(
    join(ensurePythonVenv(SERVING_PYTHON_REQUIREMENTS)),
    [FASTAPI_SCRIPT, 'train', model.trainFile, model.testFile, join(workDir, 'sklearn.pkl'), sklearnOut],
    { env: { ...process.env, OMP_NUM_THREADS: '2', OPENBLAS_NUM_THREADS: '2', PYTHONHASHSEED: '0' } },
  );
  const sklearnTrained = sklearnTrainedSchema.parse(JSON.parse(readFileSync(sklearnOut, 'utf8')));
  log(
    `suite model: ${suiteTrained.features} features, ${suiteTrained.fitSeconds.toFixed(1)} s fit; ` +
      `scikit-learn: ${sklearnTrained.features} features, accuracy ${sklearnTrained.accuracy.toFixed(4)}`,
  );

  // (c) ONNX Runtime in-process, no HTTP.
  const inProcessName = 'ONNX Runtime in-process (libs/ml featurizer + OnnxClassifier, no HTTP)';
  log(inProcessName);
  const loopOut = join(workDir, 'loop.json');
  const loadBefore = loadavg()[0] ?? 0;
  const loopRun = await runMeasured(process.execPath, [
    ...tsxArgs(here('inprocess/onnx-loop.ts')),
    model.onnxFile,
    model.featurizerFile,
    model.testFile,
    textsFile,
    String(SECONDS),
    loopOut,
  ]);
  load[inProcessName] = [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)];
  const inProcess = inProcessSchema.parse(JSON.parse(readFileSync(loopOut, 'utf8')));
  const loopRss = loopRun.peakRssBytes === null ? null : loopRun.peakRssBytes / MB;
  for (const name of BODIES) {
    const loop = inProcess.loops[name];
    if (!loop) throw new Error(`no in-process loop for body ${name}`);
    const caseName = caseOf(bodies[name], null);
    figure(inProcessName, caseName, 'calls_per_s', round(loop.callsPerSecond, 0), '1/s');
    figure(inProcessName, caseName, 'texts_per_s', round(loop.textsPerSecond, 0), '1/s');
    figure(inProcessName, caseName, 'p50_latency', round(loop.p50Ms, 3), 'ms');
    figure(inProcessName, caseName, 'p99_latency', round(loop.p99Ms, 3), 'ms');
    figure(inProcessName, caseName, 'cpu_per_call', round(loop.cpuMsPerCall, 3), 'ms');
    table.push(
      `| ${inProcessName} | ${bodies[name].column} | – (loop) | ${loop.callsPerSecond.toFixed(0)} | ${loop.textsPerSecond.toFixed(0)} | ` +
        `${loop.p50Ms.toFixed(3)} | ${loop.p99Ms.toFixed(3)} | ${loop.cpuMsPerCall.toFixed(3)} | 0 | ${loopRss === null ? 'n/a' : loopRss.toFixed(0)} |`,
    );
  }
  if (loopRss !== null) figure(inProcessName, 'whole process', 'peak_rss', round(loopRss, 1), 'MB');

  // (a), (b), the suite's minimal stack and (d): HTTP servers under load, every request with the run's key.
  log('starting feature-store (the key owner the inference service asks about callers keys)');
  const owner = await startKeyOwner({ label: 'benchserving', mongoDb: KEY_OWNER_DB });
  keyOwner = owner;
  const singleTextRps: Record<string, number> = {};
  const textsPerSecond: Record<string, number> = {};
  const recordRun = (contender: HttpContender, run: ContenderRun): void => {
    settings[contender.name] = contender.settings;
    load[contender.name] = [round(run.load[0], 2), round(run.load[1], 2)];
    for (const cell of run.cells) {
      const caseName = caseOf(bodies[cell.body], cell.connections);
      figure(contender.name, caseName, 'req_per_s', round(cell.rps, 0), '1/s');
      figure(contender.name, caseName, 'texts_per_s', round(cell.rps * cell.batch, 0), '1/s');
      figure(contender.name, caseName, 'p50_latency', round(cell.p50, 3), 'ms');
      figure(contender.name, caseName, 'p99_latency', round(cell.p99, 3), 'ms');
      if (cell.cpuMs !== null) figure(contender.name, caseName, 'server_cpu_per_request', round(cell.cpuMs, 3), 'ms');
      figure(contender.name, caseName, 'failed', cell.failed, 'requests');
      if (cell.body === 'single') singleTextRps[`${contender.name}@${cell.connections}`] = cell.rps;
      textsPerSecond[`${contender.name}@${cell.body}@${cell.connections}`] = cell.rps * cell.batch;
      table.push(
        `| ${contender.name} | ${bodies[cell.body].column} | ${cell.connections} | ${cell.rps.toFixed(0)} | ` +
          `${(cell.rps * cell.batch).toFixed(0)} | ${cell.p50.toFixed(2)} | ${cell.p99.toFixed(2)} | ` +
          `${cell.cpuMs === null ? 'n/a' : cell.cpuMs.toFixed(3)} | ${cell.failed} | ` +
          `${run.peakRssMb === null ? 'n/a' : run.peakRssMb.toFixed(0)} |`,
      );
    }
    if (run.peakRssMb !== null) {
      figure(contender.name, 'whole server process', 'peak_rss', round(run.peakRssMb, 1), 'MB');
    }
  };
  const timing = { seconds: SECONDS, warmupSeconds: WARMUP_SECONDS };
  const everyCell: Cell[] = BODIES.flatMap((body) => CONNECTIONS.map((connections) => ({ body, connections })));
  for (const contender of httpContenders) {
    const reason = contender.unavailable?.() ?? null;
    if (reason !== null) {
      log(`${contender.name}: skipped (${reason})`);
      notes.push(`${contender.name}: not measured — ${reason}`);
      table.push(`| ${contender.name} | – | – | skipped | – | – | – | – | – | – |`);
      continue;
    }
    recordRun(contender, await measureContender(contender, owner, model, bodies, everyCell, timing, log));
  }

  // The inference service's variants (batching off, batching delays, request logging off): 1 text, 32 connections.
  // Each is a fresh process measured on one cell: it warms up as long as the shipped service had run
  // before its own 1 text / 32 connections cell (its 1-connection cell and both warm-ups), so that
  // JIT and the garbage of the model load weigh alike on both.
  const variantTiming = { seconds: SECONDS, warmupSeconds: SECONDS + 2 * WARMUP_SECONDS };
  for (const variant of inferenceVariants) {
    recordRun(
      variant,
      await measureContender(variant, owner, model, bodies, [{ body: 'single', connections: 32 }], variantTiming, log),
    );
  }

  // The prediction log's cap: the same two 32-connection cells without it (a fresh process,
  // warmed up as long as the shipped service before its first 32-connection cell).
  recordRun(
    logCapOff,
    await measureContender(
      logCapOff,
      owner,
      model,
      bodies,
      [
        { body: 'single', connections: 32 },
        { body: 'median32', connections: 32 },
      ],
      variantTiming,
      log,
    ),
  );

  // Hot swap under load: RSS and p99 of the inference service during SWAPS promotions, as shipped
  // (each version on its own thread) and with MODEL_EXECUTION=inline (versions on the HTTP event loop).
  const soakRuns = [
    { name: suiteInference.name, env: undefined },
    { name: `${suiteInference.name}, MODEL_EXECUTION=inline`, env: { MODEL_EXECUTION: 'inline' } },
  ];
  const soaks: Awaited<ReturnType<typeof runSwapSoak>>[] = [];
  const swapTable = [
    '| system | RSS before swaps MB | RSS every 10 swaps MB | slope MB / 100 swaps | RSS after swaps MB | answered | failed | req/s | p99 ms | mean swap ms |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const run of soakRuns) {
    log(`hot-swap soak (${run.name}): ${SWAPS} promotions under 1 text/request, 32 connections`);
    const soakBefore = loadavg()[0] ?? 0;
    const soak = await runSwapSoak({
      model,
      keyOwner: owner,
      body: bodies.single.json,
      connections: 32,
      swaps: SWAPS,
      warmupSeconds: SECONDS,
      log,
      ...(run.env && { env: run.env }),
    });
    soaks.push(soak);
    const soakName = run.name;
    const soakCase = `hot swap: ${SWAPS} promotions (model.promoted) under 1 text/request, 32 connections`;
    load[`${soakName}, hot-swap soak`] = [round(soakBefore, 2), round(loadavg()[0] ?? 0, 2)];
    figure(soakName, soakCase, 'rss_before_swaps_mb', round(soak.rssBeforeMb, 1), 'MB');
    figure(soakName, soakCase, `rss_after_${SWAPS}_swaps_mb`, round(soak.rssAfterMb, 1), 'MB');
    figure(soakName, soakCase, 'rss_slope_per_100_swaps', round(soak.rssSlopeMbPer100Swaps, 1), 'MB');
    figure(soakName, soakCase, 'failed', soak.failed, 'requests');
    figure(soakName, soakCase, 'answered', soak.ok, 'requests');
    figure(soakName, soakCase, 'req_per_s', round(soak.requestsPerSecond, 0), '1/s');
    figure(soakName, soakCase, 'p99_latency', round(soak.p99Ms, 3), 'ms');
    figure(soakName, soakCase, 'mean_swap_time', round(soak.meanSwapMs, 1), 'ms');
    swapTable.push(
      `| ${soakName} | ${soak.rssBeforeMb.toFixed(1)} | ${soak.rssSeriesMb.map((mb) => mb.toFixed(0)).join(', ')} | ${soak.rssSlopeMbPer100Swaps.toFixed(1)} | ${soak.rssAfterMb.toFixed(1)} | ` +
        `${soak.ok} | ${soak.failed} | ${soak.requestsPerSecond.toFixed(0)} | ${soak.p99Ms.toFixed(1)} | ${soak.meanSwapMs.toFixed(0)} |`,
    );
  }

  const ratio = (a: string, b: string, connections: number): string => {
    const x = singleTextRps[`${a}@${connections}`];
    const y = singleTextRps[`${b}@${connections}`];
    return x === undefined || y === undefined ? 'n/a' : (x / y).toFixed(2);
  };
  const [bare, fastapi, minimal] = httpContenders.map((contender) => contender.name);
  const service = suiteInference.name;
  if (bare && fastapi && minimal) {
    for (const connections of CONNECTIONS) {
      notes.push(
        `single-text req/s at ${connections} connection(s): inference service / bare fastify = ${ratio(service, bare, connections)} (target ≥ 0.5), ` +
          `inference service / FastAPI = ${ratio(service, fastapi, connections)} (target ≥ 3); ` +
          `suite minimal / bare fastify = ${ratio(minimal, bare, connections)}, suite minimal / FastAPI = ${ratio(minimal, fastapi, connections)}`,
      );
    }
  }
  for (const connections of CONNECTIONS) {
    const perText = (body: BodyName): number | undefined => textsPerSecond[`${service}@${body}@${connections}`];
    const [one, near, first] = [perText('single'), perText('median32'), perText('first32')];
    if (one !== undefined && near !== undefined && first !== undefined) {
      notes.push(
        `inference service texts/s at ${connections} connection(s): 32 texts of about the median length / 1 text = ${(near / one).toFixed(2)} ` +
          `(target > 1 at 32 connections); first 32 test e-mails (mixed lengths) / 1 text = ${(first / one).toFixed(2)}`,
      );
    }
  }
  const [batchingOff] = inferenceVariants.map((variant) => variant.name);
  if (batchingOff) {
    notes.push(
      `micro-batching at 1 text/request, 32 connections: shipped defaults / batching off = ${ratio(service, batchingOff, 32)} in req/s ` +
        '(rows of the inference service variants; each variant is its own process, measured one after another)',
    );
  }
  const keyCacheNearlyOff = inferenceVariants.at(-1)?.name;
  if (keyCacheNearlyOff) {
    notes.push(
      `API keys: the inference service checks every request's key (the other contenders receive the same header and ignore it); ` +
        `a verified key is cached ${String(suiteInference.settings.KEY_CACHE_TTL_MS)} ms, so its cells pay a hash and a cache look-up per request ` +
        'and one call to feature-store (the key owner, its own process on the same cores) per 5 s. ' +
        `Auth cost at 1 text/request, 32 connections: shipped (key cache warm) / KEY_CACHE_TTL_MS=1 (feature-store asked on almost every request) = ` +
        `${ratio(service, keyCacheNearlyOff, 32)} in req/s. The service does not start without keys, so there is no row without the check itself`,
    );
  }
  const logCapFigures = (['single', 'median32'] as const).map((body) => {
    const capped = textsPerSecond[`${service}@${body}@32`];
    const uncapped = textsPerSecond[`${logCapOff.name}@${body}@32`];
    return capped === undefined || uncapped === undefined
      ? `${bodies[body].label}: n/a`
      : `${bodies[body].label}: ${capped.toFixed(0)} vs ${uncapped.toFixed(0)} texts/s (${(capped / uncapped).toFixed(2)})`;
  });
  notes.push(
    `prediction log: the shipped service logs ${String(suiteInference.settings.PREDICTION_LOG_SAMPLE_RATE)} of the requests, at most ` +
      `${String(suiteInference.settings.PREDICTION_LOG_MAX_PER_SECOND)} texts per second and model, into the local MongoDB stand-in ` +
      '(mongo-java-server, on the same 2 cores). Shipped / without the cap (PREDICTION_LOG_MAX_PER_SECOND=0), at 32 connections: ' +
      logCapFigures.join('; '),
  );
  notes.push(
    `hot swap: ${SWAPS} promotions alternating versions 1 and 2 (the same folder registered twice) through model.promoted on RabbitMQ, ` +
      'each awaited until the service answers with the new version, under 1 text/request at 32 connections; RSS is VmRSS of the service ' +
      `after 5 s idle following the warm-up load (before) and following the load (after), and under load just before every 10th promotion ` +
      '(details.hotSwap), with the least-squares slope of that series in MB per 100 swaps',
  );
  notes.push(
    `model: libs/ml default config (linear) trained by runTrainingPipeline as dl-trainer does (a held-out run on 70/10/20% of the train part for the estimate, then refitted on all of it), ${suiteTrained.features} features, ${suiteTrained.epochs} epochs (best ${suiteTrained.bestEpoch}), ` +
      `ONNX ${(suiteTrained.modelBytes / MB).toFixed(1)} MB, test accuracy ${inProcess.accuracy.toFixed(4)} through ORT; ` +
      `scikit-learn TF-IDF + LR: ${sklearnTrained.features} features, test accuracy ${sklearnTrained.accuracy.toFixed(4)} (${inProcess.testExamples} test e-mails)`,
    bodiesNote(),
    `load: autocannon 9 in the benchmark process, ${SECONDS} s per cell after a ${WARMUP_SECONDS} s warm-up at the same concurrency ` +
      `(the inference service's variants, each a fresh process with one cell: ${SECONDS + 2 * WARMUP_SECONDS} s, what the shipped service had run before its own cell), ` +
      'no pipelining, loopback; latency percentiles from the per-response times autocannon measures',
    '2 cores shared by the load generator and the server under test (and by other work: 1-minute load averages in details.load): the server gets about one core, so absolute figures understate a dedicated machine; compare within the run',
    'server CPU ms/req: user + system CPU time of the server process (all its threads, /proc/<pid>/stat, 10 ms ticks) during the cell divided by the requests answered; the in-process loop: process.cpuUsage per call. Steadier than req/s on a shared machine',
    'peak RSS: VmHWM of the server process over its whole life (start, model load, every cell); the in-process loop: GNU time %M of its process (it also predicts the test part once)',
  );
  settings.bodies = Object.fromEntries(
    BODIES.map((name) => [name, { label: bodies[name].label, ...lengths(bodies[name]) }]),
  );
  settings.inProcess = {
    ortThreads: 'intra-op 1, inter-op 1',
    call: 'featurize + packBatch + OnnxClassifier.predict, awaited one after another',
  };
  settings.training = {
    suite: { ...suiteTrained, trainSeconds: round(suiteRun.seconds, 1) },
    sklearn: sklearnTrained,
  };
  if (quick)
    notes.unshift(`quick smoke run: ${SECONDS} s cells, no warm-up, ${SWAPS} swaps; not comparable with a full run`);
  const generic = writeResults(quick ? 'serving-quick' : 'serving', rows, notes, {
    split: {
      dataset: 'spamassassin',
      testFraction: TEST_FRACTION,
      seed: SPLIT_SEED,
      train: split.train.length,
      test: split.test.length,
    },
    secondsPerCell: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    settings,
    load,
    table,
    hotSwap: soaks[0],
    hotSwapInline: soaks[1],
    swapTable,
  });
  process.stdout.write(`${table.join('\n')}\n\n${swapTable.join('\n')}\n\n${generic}\n`);
} finally {
  await keyOwner?.stop();
  await dropVhost();
  rmSync(workDir, { recursive: true, force: true });
}
