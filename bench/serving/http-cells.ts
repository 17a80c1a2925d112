import { loadavg } from 'node:os';
import type { KeyOwner } from '../lib/key-owner.js';
import { runLoad } from '../lib/load.js';
import { freePort } from '@mlops/testing';
import type { HttpContender, ServingModel } from './contender.js';
import type { BodyName, RequestBody } from './request-bodies.js';

/** One load cell: the request body and concurrent connections. */
export interface Cell {
  readonly body: BodyName;
  readonly connections: number;
}

/** What one cell measured. */
export interface CellResult extends Cell {
  /** Texts per request. */
  readonly batch: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU per answered request, ms; null when unreadable. */
  readonly cpuMs: number | null;
  readonly failed: number;
}

/** The cells of one contender, in one server process. */
export interface ContenderRun {
  readonly cells: readonly CellResult[];
  /** VmHWM of the server process over its whole life, MB; null when unreadable. */
  readonly peakRssMb: number | null;
  /** 1-minute load average before and after. */
  readonly load: readonly [number, number];
}

/** How long each cell runs. */
export interface CellTiming {
  readonly seconds: number;
  readonly warmupSeconds: number;
}

const MB = 1024 * 1024;

/**
 * Starts the contender's server, runs each cell (a warm-up at the same concurrency, then a
 * bounded autocannon run on loopback, every request with the key of `keyOwner`), stops the
 * server, and returns the figures.
 */
export async function measureContender(
  contender: HttpContender,
  keyOwner: KeyOwner,
  model: ServingModel,
  bodies: Readonly<Record<BodyName, RequestBody>>,
  cells: readonly Cell[],
  timing: CellTiming,
  log: (line: string) => void,
): Promise<ContenderRun> {
  const probeBody = bodies.single.json;
  const port = await freePort();
  log(`${contender.name}: starting on 127.0.0.1:${port}`);
  const server = await contender.start(model, port, probeBody, keyOwner);
  const headers = keyOwner.headers;
  const url = `http://127.0.0.1:${port}/v1/models/${model.name}/predict`;
  const before = loadavg()[0] ?? 0;
  const results: CellResult[] = [];
  let peak: number | null = null;
  try {
    for (const cell of cells) {
      const { json: body, texts, label } = bodies[cell.body];
      const { connections } = cell;
      if (timing.warmupSeconds > 0)
        await runLoad({ url, body, connections, durationSeconds: timing.warmupSeconds, headers });
      const cpuBefore = server.cpuSeconds();
      const result = await runLoad({ url, body, connections, durationSeconds: timing.seconds, headers });
      const cpuAfter = server.cpuSeconds();
      const cpuMs =
        cpuBefore === null || cpuAfter === null || result.ok === 0
          ? null
          : ((cpuAfter - cpuBefore) * 1000) / (result.ok + result.failed);
      results.push({
        ...cell,
        batch: texts.length,
        rps: result.requestsPerSecond,
        p50: result.p50Ms,
        p99: result.p99Ms,
        cpuMs,
        failed: result.failed,
      });
      log(
        `${contender.name}, ${label} × ${connections} connection(s): ${result.requestsPerSecond.toFixed(0)} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.failed} failed`,
      );
    }
  } finally {
    peak = server.peakRssBytes();
    await server.stop();
  }
  return { cells: results, peakRssMb: peak === null ? null : peak / MB, load: [before, loadavg()[0] ?? 0] };
}
