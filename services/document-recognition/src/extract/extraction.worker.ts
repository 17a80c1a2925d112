import type { TaskContext, TaskHandler } from '@mlops/runtime';
import type { OcrOutput } from '../ocr/ocr-pool.js';
import type { OfficeConverter } from '../office/converter.js';
import { extractDocument } from './extract-document.usecase.js';
import {
  ownBuffer,
  type ExtractionCall,
  type ExtractionLogLine,
  type ExtractionTask,
  type ExtractionWorkerData,
} from './extraction-messages.js';
import type { ExtractionLogger, OcrEngine } from './extraction.js';
import { reviveError, type ErrorShape } from './revive-error.js';

/** Asks the service's thread, failing as soon as the extraction's signal aborts; its errors come back as thrown. */
async function ask(
  context: TaskContext,
  call: ExtractionCall,
  transfer: ArrayBuffer[],
  signal: AbortSignal,
): Promise<unknown> {
  signal.throwIfAborted();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      context.call(call, transfer).catch((error: unknown) => {
        throw reviveError(error as ErrorShape);
      }),
      aborted,
    ]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function relayedOcr(context: TaskContext): OcrEngine {
  return {
    recognize: async (image, signal) => {
      const bytes = ownBuffer(image);
      return (await ask(context, { op: 'ocr', image: bytes }, [bytes], signal)) as OcrOutput;
    },
  };
}

function relayedConverter(context: TaskContext): OfficeConverter {
  return {
    name: 'relay',
    toPdf: async (input, extension, signal) => {
      const bytes = ownBuffer(input);
      return Buffer.from((await ask(context, { op: 'convert', bytes, extension }, [bytes], signal)) as ArrayBuffer);
    },
  };
}

function relayedLogger(context: TaskContext): ExtractionLogger {
  const emit = (level: ExtractionLogLine['level']) => (details: object, message: string) => {
    try {
      context.emit({ level, details, message } satisfies ExtractionLogLine);
    } catch {
      context.emit({ level, details: { unclonable: Object.keys(details) }, message } satisfies ExtractionLogLine);
    }
  };
  return { info: emit('info'), warn: emit('warn') };
}

/**
 * @public Loaded by the worker host (libs/runtime) from its URL.
 * The extraction worker: runs the whole extraction of one file (sniffing, parsing, PDF
 * rendering, text clean-up) off the service's event loop; OCR and office conversion, which
 * have their own engines and bounds, are asked of the service's thread.
 */
export function createTaskHandler(data: unknown): TaskHandler {
  const { limits } = data as ExtractionWorkerData;
  return (payload, context) => {
    const task = payload as ExtractionTask;
    return extractDocument(
      { limits, ocr: relayedOcr(context), converter: relayedConverter(context), logger: relayedLogger(context) },
      { bytes: Buffer.from(task.bytes), declared: task.declared },
    );
  };
}
