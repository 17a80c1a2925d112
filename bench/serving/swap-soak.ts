import { z } from 'zod';
import type { KeyOwner } from '../lib/key-owner.js';
import { runLoad } from '../lib/load.js';
import { freePort } from '@mlops/testing';
import type { ServingModel } from './contender.js';
import { startInferenceService } from './suite/inference-service.js';

/** What the hot-swap soak measured. */
export interface SwapSoakResult {
  readonly swaps: number;
  /** RSS of the service after the warm-up load, before any swap, MB. */
  readonly rssBeforeMb: number;
  /** RSS just before every `RSS_EVERY`-th promotion (one version serving, the previous swap done), MB. */
  readonly rssSeriesMb: readonly number[];
  /** Least-squares slope of that series, MB per 100 swaps: about 0 when nothing accumulates. */
  readonly rssSlopeMbPer100Swaps: number;
  /** RSS after the load ended and the service idled `SETTLE_MS`, MB. */
  readonly rssAfterMb: number;
  /** Load during the swaps. */
  readonly ok: number;
  readonly failed: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** Mean time from publishing `model.promoted` to the new version answering, ms. */
  readonly meanSwapMs: number;
  readonly seconds: number;
}

/** How the soak runs. */
export interface SwapSoakOptions {
  readonly model: ServingModel;
  /** feature-store as the key owner; the service checks the run's key with it, the load presents it. */
  readonly keyOwner: KeyOwner;
  readonly body: string;
  readonly connections: number;
  readonly swaps: number;
  readonly warmupSeconds: number;
  readonly log: (line: string) => void;
  /** Extra environment of the service (e.g. `MODEL_EXECUTION`). */
  readonly env?: Readonly<Record<string, string>>;
}

const MB = 1024 * 1024;
const RSS_EVERY = 10;
/** Idle time before RSS is read at the start and at the end, so both are read in the same state. */
const SETTLE_MS = 5000;
/** Bound on one swap: publishing the event to the new version answering. */
const SWAP_TIMEOUT_MS = 60_000;
/** Bound on the load run; it is stopped once the swaps are done. */
const LOAD_CAP_SECONDS = 900;
const versionSchema = z.object({ version: z.number().int() });

/** Least-squares slope of `values` taken at `xs`. */
function slopeOf(xs: readonly number[], values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = values.reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let variance = 0;
  values.forEach((y, index) => {
    const dx = (xs[index] ?? 0) - meanX;
    covariance += dx * (y - meanY);
    variance += dx * dx;
  });
  return variance === 0 ? 0 : covariance / variance;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Starts the inference service as shipped with the run's model registered twice (versions 1 and
 * 2, the same folder), warms it up under load, lets it idle and reads its RSS, then promotes 2, 1, 2, … `swaps`
 * times through `model.promoted` while `connections` connections keep sending `body`, each swap
 * awaited until the service answers with the new version, reading its RSS before every tenth promotion;
 * reads its RSS again once the load has ended and it idled as long as before.
 */
export async function runSwapSoak(options: SwapSoakOptions): Promise<SwapSoakResult> {
  const { model, body, connections, keyOwner } = options;
  const headers = keyOwner.headers;
  const port = await freePort();
  const service = await startInferenceService({
    model,
    port,
    probeBody: body,
    keyOwner,
    ...(options.env && { env: options.env }),
  });
  const url = `http://127.0.0.1:${port}/v1/models/${model.name}/predict`;
  const rssMb = (): number => (service.server.rssBytes() ?? NaN) / MB;
  const servingVersion = async (): Promise<number | null> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return response.ok ? versionSchema.parse(await response.json()).version : null;
  };
  try {
    const second = service.registerVersion();
    await runLoad({ url, body, connections, durationSeconds: options.warmupSeconds, headers });
    await sleep(SETTLE_MS);
    const rssBeforeMb = rssMb();
    options.log(`hot-swap soak: RSS ${rssBeforeMb.toFixed(1)} MB before ${options.swaps} swaps`);
    const stopLoad = new AbortController();
    const started = performance.now();
    const load = runLoad({
      url,
      body,
      connections,
      durationSeconds: LOAD_CAP_SECONDS,
      signal: stopLoad.signal,
      headers,
    });
    const rssSeriesMb: number[] = [];
    const sampledAt: number[] = [];
    let swapMs = 0;
    try {
      for (let swap = 1; swap <= options.swaps; swap += 1) {
        const target = swap % 2 === 1 ? second : 1;
        if (swap % RSS_EVERY === 0) {
          rssSeriesMb.push(rssMb());
          sampledAt.push(swap);
        }
        const promotedAt = performance.now();
        await service.promote(target);
        const deadline = promotedAt + SWAP_TIMEOUT_MS;
        while ((await servingVersion()) !== target) {
          if (performance.now() > deadline) throw new Error(`swap ${swap} to version ${target} not served in time`);
          await sleep(5);
        }
        swapMs += performance.now() - promotedAt;
      }
    } catch (error) {
      stopLoad.abort();
      await load.catch(() => undefined);
      throw error;
    }
    stopLoad.abort();
    const result = await load;
    const seconds = (performance.now() - started) / 1000;
    await sleep(SETTLE_MS);
    const rssAfterMb = rssMb();
    options.log(
      `hot-swap soak: RSS ${rssAfterMb.toFixed(1)} MB after; ${result.failed} failed of ${result.ok + result.failed}`,
    );
    return {
      swaps: options.swaps,
      rssBeforeMb,
      rssSeriesMb,
      rssSlopeMbPer100Swaps: slopeOf(sampledAt, rssSeriesMb) * 100,
      rssAfterMb,
      ok: result.ok,
      failed: result.failed,
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
      meanSwapMs: swapMs / options.swaps,
      seconds,
    };
  } finally {
    await service.stop();
  }
}
