import cliProgress from 'cli-progress';
import type { Output } from './output.js';

/** A progress bar on stderr, drawn only when a person watches a terminal; otherwise nothing happens. */
export interface ProgressBar {
  start(total: number, phase: string, payload?: Record<string, string | number>): void;
  update(value: number, payload?: Record<string, string | number>): void;
  setTotal(total: number): void;
  stop(): void;
}

const nothing = (): void => undefined;
const SILENT: ProgressBar = { start: nothing, update: nothing, setTotal: nothing, stop: nothing };

/**
 * A bar formatted by `format` (cli-progress tokens: `{bar}`, `{value}`, `{total}`, `{percentage}`,
 * `{eta_formatted}` and the payload's names), or a silent one with `--json` or without a terminal.
 */
export function progressBar(out: Output, format: string): ProgressBar {
  if (!out.interactive) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream: out.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    start(total, phase, payload = {}) {
      if (running) bar.stop();
      bar.start(total, 0, { phase, ...payload });
      running = true;
    },
    update(value, payload) {
      if (running) bar.update(value, payload);
    },
    setTotal(total) {
      if (running) bar.setTotal(total);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
