/**
 * Serving benchmark: one model trained once (SpamAssassin spam vs ham, the split of
 * bench/training/datasets.ts), then, side by side in one run, HTTP servers under autocannon load on
 * loopback (1 and 32 connections, 1-text and 32-text requests, bounded in time) and ONNX Runtime
 * called in-process without HTTP. Every server is its own child process (peak RSS from /proc);
 * the load generator runs in this process, on the same 2 cores.
 *
 *   pnpm bench serving      (BENCH_SERVING_SECONDS per cell, default 5; BENCH_SERVING_WARMUP_SECONDS, default 1)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runLoad } from '../lib/load.js';
import { ensureGnuTime, runMeasured } from '../lib/measure.js';
import { ensurePythonVenv } from '../lib/python.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { freePort } from '../lib/server-process.js';
import { writeJsonl } from '../training/contender.js';
import { loadSpamAssassin, splitDataset, SPLIT_SEED, TEST_FRACTION } from '../training/datasets.js';
import type { ServingModel } from './contender.js';
import { FASTAPI_SCRIPT, httpContenders, SERVING_PYTHON_REQUIREMENTS } from './contenders/index.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;
const SECONDS = Number(process.env.BENCH_SERVING_SECONDS ?? '5');
const WARMUP_SECONDS = Number(process.env.BENCH_SERVING_WARMUP_SECONDS ?? '1');
const CONNECTIONS = [1, 32] as const;
const BATCHES = [1, 32] as const;
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
const split = splitDataset(await loadSpamAssassin());
const workDir = mkdtempSync(join(tmpdir(), 'bench-serving-'));
const model: ServingModel = {
  name: 'spamassassin',
  onnxFile: join(workDir, 'model.onnx'),
  featurizerFile: join(workDir, 'featurizer.json'),
  trainFile: join(workDir, 'train.jsonl'),
  testFile: join(workDir, 'test.jsonl'),
  workDir,
};
writeJsonl(model.trainFile, split.train);
writeJsonl(model.testFile, split.test);

// Request bodies: the test e-mail of median body length, and the first 32 test e-mails (split order).
const byLength = [...split.test].sort((a, b) => a.text.length - b.text.length || (a.id < b.id ? -1 : 1));
const single = byLength[Math.floor(byLength.length / 2)];
if (!single) throw new Error('empty test split');
const texts: Record<(typeof BATCHES)[number], string[]> = {
  1: [single.text],
  32: split.test.slice(0, 32).map((example) => example.text),
};
const bodies = { 1: JSON.stringify({ texts: texts[1] }), 32: JSON.stringify({ texts: texts[32] }) };
const textsFile = join(workDir, 'texts.json');
writeFileSync(textsFile, JSON.stringify(texts));

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
const caseOf = (batch: number, connections: number | null): string =>
  `${batch} text${batch === 1 ? '' : 's'}/request, ${connections === null ? 'in-process loop' : `${connections} connection${connections === 1 ? '' : 's'}`}`;

try {
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
  for (const batch of BATCHES) {
    const loop = inProcess.loops[String(batch)];
    if (!loop) throw new Error(`no in-process loop for batch ${batch}`);
    const caseName = caseOf(batch, null);
    figure(inProcessName, caseName, 'calls_per_s', round(loop.callsPerSecond, 0), '1/s');
    figure(inProcessName, caseName, 'texts_per_s', round(loop.textsPerSecond, 0), '1/s');
    figure(inProcessName, caseName, 'p50_latency', round(loop.p50Ms, 3), 'ms');
    figure(inProcessName, caseName, 'p99_latency', round(loop.p99Ms, 3), 'ms');
    figure(inProcessName, caseName, 'cpu_per_call', round(loop.cpuMsPerCall, 3), 'ms');
    table.push(
      `| ${inProcessName} | ${batch} | – (loop) | ${loop.callsPerSecond.toFixed(0)} | ${loop.textsPerSecond.toFixed(0)} | ` +
        `${loop.p50Ms.toFixed(3)} | ${loop.p99Ms.toFixed(3)} | ${loop.cpuMsPerCall.toFixed(3)} | 0 | ${loopRss === null ? 'n/a' : loopRss.toFixed(0)} |`,
    );
  }
  if (loopRss !== null) figure(inProcessName, 'whole process', 'peak_rss', round(loopRss, 1), 'MB');

  // (a), (b), the suite's minimal stack and (d): HTTP servers under load.
  const singleTextRps: Record<string, number> = {};
  for (const contender of httpContenders) {
    const reason = contender.unavailable?.() ?? null;
    if (reason !== null) {
      log(`${contender.name}: skipped (${reason})`);
      notes.push(`${contender.name}: not measured — ${reason}`);
      table.push(`| ${contender.name} | – | – | skipped | – | – | – | – | – | – |`);
      continue;
    }
    settings[contender.name] = contender.settings;
    const port = await freePort();
    log(`${contender.name}: starting on 127.0.0.1:${port}`);
    const server = await contender.start(model, port, bodies[1]);
    const url = `http://127.0.0.1:${port}/v1/models/${model.name}/predict`;
    const before = loadavg()[0] ?? 0;
    const cells: {
      batch: number;
      connections: number;
      rps: number;
      p50: number;
      p99: number;
      cpuMs: number | null;
      failed: number;
    }[] = [];
    try {
      for (const batch of BATCHES) {
        for (const connections of CONNECTIONS) {
          const body = bodies[batch];
          if (WARMUP_SECONDS > 0) await runLoad({ url, body, connections, durationSeconds: WARMUP_SECONDS });
          const cpuBefore = server.cpuSeconds();
          const result = await runLoad({ url, body, connections, durationSeconds: SECONDS });
          const cpuAfter = server.cpuSeconds();
          const cpuMs =
            cpuBefore === null || cpuAfter === null || result.ok === 0
              ? null
              : ((cpuAfter - cpuBefore) * 1000) / (result.ok + result.failed);
          const caseName = caseOf(batch, connections);
          figure(contender.name, caseName, 'req_per_s', round(result.requestsPerSecond, 0), '1/s');
          figure(contender.name, caseName, 'texts_per_s', round(result.requestsPerSecond * batch, 0), '1/s');
          figure(contender.name, caseName, 'p50_latency', round(result.p50Ms, 3), 'ms');
          figure(contender.name, caseName, 'p99_latency', round(result.p99Ms, 3), 'ms');
          if (cpuMs !== null) figure(contender.name, caseName, 'server_cpu_per_request', round(cpuMs, 3), 'ms');
          figure(contender.name, caseName, 'failed', result.failed, 'requests');
          if (batch === 1) singleTextRps[`${contender.name}@${connections}`] = result.requestsPerSecond;
          cells.push({
            batch,
            connections,
            rps: result.requestsPerSecond,
            p50: result.p50Ms,
            p99: result.p99Ms,
            cpuMs,
            failed: result.failed,
          });
          log(
            `${contender.name}, ${caseName}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
              `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.failed} failed`,
          );
        }
      }
    } finally {
      const peak = server.peakRssBytes();
      await server.stop();
      load[contender.name] = [round(before, 2), round(loadavg()[0] ?? 0, 2)];
      const rss = peak === null ? null : peak / MB;
      if (rss !== null) figure(contender.name, 'whole server process', 'peak_rss', round(rss, 1), 'MB');
      for (const cell of cells) {
        table.push(
          `| ${contender.name} | ${cell.batch} | ${cell.connections} | ${cell.rps.toFixed(0)} | ` +
            `${(cell.rps * cell.batch).toFixed(0)} | ${cell.p50.toFixed(2)} | ${cell.p99.toFixed(2)} | ` +
            `${cell.cpuMs === null ? 'n/a' : cell.cpuMs.toFixed(3)} | ${cell.failed} | ` +
            `${rss === null ? 'n/a' : rss.toFixed(0)} |`,
        );
      }
    }
  }

  const ratio = (a: string, b: string, connections: number): string => {
    const x = singleTextRps[`${a}@${connections}`];
    const y = singleTextRps[`${b}@${connections}`];
    return x === undefined || y === undefined ? 'n/a' : (x / y).toFixed(2);
  };
  const [bare, fastapi, minimal] = httpContenders.map((contender) => contender.name);
  if (bare && fastapi && minimal) {
    for (const connections of CONNECTIONS) {
      notes.push(
        `single-text req/s at ${connections} connection(s): suite minimal / bare fastify = ${ratio(minimal, bare, connections)}, ` +
          `suite minimal / FastAPI = ${ratio(minimal, fastapi, connections)} (issue 6 targets for the inference service: ≥ 0.5 and ≥ 3)`,
      );
    }
  }
  notes.push(
    `model: libs/ml default config (linear), ${suiteTrained.features} features, ${suiteTrained.epochs} epochs (best ${suiteTrained.bestEpoch}), ` +
      `ONNX ${(suiteTrained.modelBytes / MB).toFixed(1)} MB, test accuracy ${inProcess.accuracy.toFixed(4)} through ORT; ` +
      `scikit-learn TF-IDF + LR: ${sklearnTrained.features} features, test accuracy ${sklearnTrained.accuracy.toFixed(4)} (${inProcess.testExamples} test e-mails)`,
    `bodies: {"texts": [one test e-mail body]} (${single.text.length} characters, the median length of the test part) and the first 32 test e-mails (${texts[32].reduce((sum, text) => sum + text.length, 0)} characters together)`,
    `load: autocannon 9 in the benchmark process, ${SECONDS} s per cell after a ${WARMUP_SECONDS} s warm-up at the same concurrency, no pipelining, loopback; latency percentiles from the per-response times autocannon measures`,
    '2 cores shared by the load generator and the server under test (and by other work: 1-minute load averages in details.load): the server gets about one core, so absolute figures understate a dedicated machine; compare within the run',
    'server CPU ms/req: user + system CPU time of the server process (all its threads, /proc/<pid>/stat, 10 ms ticks) during the cell divided by the requests answered; the in-process loop: process.cpuUsage per call. Steadier than req/s on a shared machine',
    'peak RSS: VmHWM of the server process over its whole life (start, model load, every cell); the in-process loop: GNU time %M of its process (it also predicts the test part once)',
  );
  settings.inProcess = {
    ortThreads: 'intra-op 1, inter-op 1',
    call: 'featurize + packBatch + OnnxClassifier.predict, awaited one after another',
  };
  settings.training = {
    suite: { ...suiteTrained, trainSeconds: round(suiteRun.seconds, 1) },
    sklearn: sklearnTrained,
  };
  const generic = writeResults('serving', rows, notes, {
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
  });
  process.stdout.write(`${table.join('\n')}\n\n${generic}\n`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
