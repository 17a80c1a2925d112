/** What one window of the soak measured. */
export interface SoakWindow {
  readonly index: number;
  /** Seconds since the first window started, at this window's end. */
  readonly endSeconds: number;
  /** Resident set size of the service at the end of the window, MB. */
  readonly rssMb: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requestsPerSecond: number;
  readonly ok: number;
  readonly failed: number;
}

/** The figures the soak reports. */
export interface SoakSummary {
  readonly first: SoakWindow;
  readonly last: SoakWindow;
  readonly rssSlopePerMinute: number;
  readonly p99SlopePerMinute: number;
  readonly requestsPerSecond: number;
  readonly failed: number;
}

/** Least-squares slope of `value` over the windows' end times, per minute; 0 with fewer than two windows. */
export function slopePerMinute(windows: readonly SoakWindow[], value: (window: SoakWindow) => number): number {
  const n = windows.length;
  if (n < 2) return 0;
  const xs = windows.map((w) => w.endSeconds / 60);
  const ys = windows.map(value);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * ((ys[index] ?? 0) - meanY);
    variance += (x - meanX) ** 2;
  });
  return variance === 0 ? 0 : covariance / variance;
}

/** First and last window, slopes of RSS and p99, mean throughput and failures over the run. */
export function summariseWindows(windows: readonly SoakWindow[]): SoakSummary {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) throw new Error('the soak measured no window');
  const ok = windows.reduce((sum, w) => sum + w.ok, 0);
  return {
    first,
    last,
    rssSlopePerMinute: slopePerMinute(windows, (w) => w.rssMb),
    p99SlopePerMinute: slopePerMinute(windows, (w) => w.p99Ms),
    requestsPerSecond: ok / Math.max(last.endSeconds, 1e-9),
    failed: windows.reduce((sum, w) => sum + w.failed, 0),
  };
}
