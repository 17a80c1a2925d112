import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  /** JSON request body, sent as it is with every request (POST, `content-type: application/json`). */
  readonly body: string;
  readonly connections: number;
  /** Bounded run: autocannon stops after this many seconds. */
  readonly durationSeconds: number;
  /** Requests a connection may have in flight (HTTP pipelining); 1 unless told. */
  readonly pipelining?: number;
  /** Ends the run early (still bounded by `durationSeconds`). */
  readonly signal?: AbortSignal;
  /** Requests per second over all connections; unbounded (as fast as answers come) unless set. */
  readonly overallRate?: number;
  /** Extra request headers (e.g. `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadResult {
  /** Responses with a 2xx status. */
  readonly ok: number;
  /** Responses with another status, connection errors and timeouts together. */
  readonly failed: number;
  readonly seconds: number;
  /** 2xx responses per second of the run. */
  readonly requestsPerSecond: number;
  /** Latency of the 2xx responses, milliseconds, sub-millisecond resolution (see `runLoad`). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The q-quantile (0..1) of ascending values, nearest rank; NaN when empty. */
export function quantile(sorted: Float64Array | readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/**
 * One bounded load run with autocannon, in this process. Latencies are taken from autocannon's
 * `response` events (the float milliseconds it measures per response) rather than from its
 * histogram, which records whole milliseconds and reads 0 or 1 ms for a fast loopback server.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let non2xx = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: options.body,
        connections: options.connections,
        pipelining: options.pipelining ?? 1,
        ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
        duration: options.durationSeconds,
        timeout: 10,
      },
      (error: Error | null, done: autocannon.Result) => {
        if (error) reject(error);
        else resolve(done);
      },
    );
    if (options.signal?.aborted) instance.stop();
    options.signal?.addEventListener('abort', () => instance.stop(), { once: true });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) {
        non2xx += 1;
        return;
      }
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.subarray(0, count).sort();
  return {
    ok: count,
    failed: non2xx + result.errors + result.timeouts,
    seconds,
    requestsPerSecond: count / seconds,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: quantile(sorted, 1),
  };
}
