import type { InferenceSession } from 'onnxruntime-node';
import { z } from 'zod';

const threadCount = z.int().min(1).max(64);

/**
 * How a classifier's ONNX Runtime session runs on the CPU. One intra-op thread by default:
 * the exported graphs are a gather, a sum and small matrix products, so a single prediction
 * gains nothing from more threads, and a server parallelises over requests, not inside one.
 */
export const OnnxClassifierOptionsSchema = z.object({
  /** Threads inside one operator (ORT `intraOpNumThreads`). */
  intraOpThreads: threadCount.default(1),
  /** Threads across independent operators; above 1 switches ORT to parallel execution. */
  interOpThreads: threadCount.default(1),
  /** ORT graph optimisation level: `all` (default), `basic` (constant folding, redundancy removal) or `none`. */
  graphOptimization: z.enum(['all', 'basic', 'none']).default('all'),
});

/** Options of `OnnxClassifier.load`, as callers write them (every field optional). */
export type OnnxClassifierOptions = z.input<typeof OnnxClassifierOptionsSchema>;

const optimizationLevels = {
  all: 'all',
  basic: 'basic',
  none: 'disabled',
} as const satisfies Record<string, InferenceSession.SessionOptions['graphOptimizationLevel']>;

const ORT_LOG_ERRORS_ONLY = 3;

/** ONNX Runtime session options for the CPU execution provider. Throws a ZodError on invalid options. */
export function toSessionOptions(options: OnnxClassifierOptions): InferenceSession.SessionOptions {
  const { intraOpThreads, interOpThreads, graphOptimization } = OnnxClassifierOptionsSchema.parse(options);
  return {
    executionProviders: ['cpu'],
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: interOpThreads,
    executionMode: interOpThreads > 1 ? 'parallel' : 'sequential',
    graphOptimizationLevel: optimizationLevels[graphOptimization],
    logSeverityLevel: ORT_LOG_ERRORS_ONLY,
  };
}
