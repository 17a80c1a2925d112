import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import Tesseract from 'tesseract.js';
import { ocrLayout, type OcrLayout } from './ocr-layout.js';

/** What OCR found on one image. */
export interface OcrOutput extends OcrLayout {
  readonly text: string;
  /** Mean word confidence, 0 to 100. */
  readonly confidence: number;
}

const require = createRequire(import.meta.url);

/** The OCR engine itself could not start (a server fault, not a property of the file). */
export class OcrEngineError extends Error {
  override readonly name = 'OcrEngineError';
}

/**
 * Worker options that keep tesseract.js offline: the English model from the
 * `@tesseract.js-data/eng` package (LSTM "best_int"), the worker script from `tesseract.js`
 * itself, and no cache. In Node the WASM core is `require`d from `tesseract.js-core`.
 */
function offlineWorkerOptions(): Partial<Tesseract.WorkerOptions> {
  return {
    langPath: join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int'),
    workerPath: join(dirname(require.resolve('tesseract.js')), 'worker-script', 'node', 'index.js'),
    cacheMethod: 'none',
    gzip: true,
  };
}

interface Waiter {
  readonly resolve: (worker: Tesseract.Worker) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A fixed number of tesseract.js workers, created on first use and terminated by `close`. A
 * recognition whose signal aborts terminates its worker (tesseract cannot be interrupted
 * otherwise); the next request starts a fresh one.
 */
export class OcrPool {
  private readonly idle: Tesseract.Worker[] = [];
  private readonly waiters: Waiter[] = [];
  private created = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly logger: FastifyBaseLogger,
  ) {}

  /** OCRs one image (PNG, JPEG or another format tesseract reads) with the English model. */
  async recognize(image: Buffer, signal: AbortSignal): Promise<OcrOutput> {
    const worker = await this.acquire(signal);
    if (signal.aborted) {
      this.release(worker);
      throw signal.reason as Error;
    }
    let onAbort: (() => void) | undefined;
    try {
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          reject(signal.reason as Error);
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
      const result = await Promise.race([worker.recognize(image, {}, { text: true, blocks: true }), aborted]);
      this.release(worker);
      return {
        text: result.data.text.trim(),
        confidence: result.data.confidence,
        ...ocrLayout(result.data.blocks),
      };
    } catch (error) {
      this.discard(worker);
      throw error;
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  /** Terminates every worker; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('OCR pool closed'));
    const workers = this.idle.splice(0);
    this.created -= workers.length;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private async acquire(signal: AbortSignal): Promise<Tesseract.Worker> {
    signal.throwIfAborted();
    if (this.closed) throw new Error('OCR pool closed');
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.created < this.size) return this.spawn();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (worker) => {
          signal.removeEventListener('abort', onAbort);
          resolve(worker);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private async spawn(): Promise<Tesseract.Worker> {
    this.created += 1;
    const started = performance.now();
    try {
      const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
        ...offlineWorkerOptions(),
        // Without a handler, tesseract.js rethrows a failed job (an unreadable image) as an
        // uncaught exception that kills the process; the job's promise is rejected either way.
        errorHandler: (error: unknown) => {
          this.logger.debug({ err: error }, 'OCR job failed');
        },
      });
      this.logger.debug({ ms: Math.round(performance.now() - started) }, 'OCR worker started');
      return worker;
    } catch (error) {
      this.created -= 1;
      throw new OcrEngineError(
        `tesseract.js worker did not start: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  private release(worker: Tesseract.Worker): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(worker);
    else if (this.closed) this.discard(worker);
    else this.idle.push(worker);
  }

  private discard(worker: Tesseract.Worker): void {
    this.created -= 1;
    worker.terminate().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'OCR worker did not terminate cleanly');
    });
    const waiter = this.waiters.shift();
    if (waiter && !this.closed) this.spawn().then(waiter.resolve, waiter.reject);
  }
}
