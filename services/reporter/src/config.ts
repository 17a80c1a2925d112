import { connectedServiceEnvShape, connectedServiceSections, env, loadConfig } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object({
    ...connectedServiceEnvShape(4005, 'mlops_reporter'),
    REGISTRY_URL: env.url(['http', 'https']).default('http://127.0.0.1:4004'),
    REGISTRY_TIMEOUT_MS: env.positiveInt(60_000),
    FEATURE_STORE_URL: env.url(['http', 'https']).default('http://127.0.0.1:4001'),
    FEATURE_STORE_TIMEOUT_MS: env.positiveInt(300_000),
    PUBLIC_URL: env.url(['http', 'https']).default('http://127.0.0.1:4005'),
    RENDER_TIMEOUT_MS: env.positiveInt(300_000),
    RENDER_MAX_ATTEMPTS: env.positiveInt(4),
    RENDER_RETRY_DELAY_MS: env.positiveInt(5_000),
    RENDER_WORKERS: env.positiveInt(1),
    COMPARE_MAX_RENDERS: env.positiveInt(1),
    COMPARE_MAX_WAITING: z.coerce.number().int().min(0).default(4),
    COMPARE_RETRY_AFTER_S: env.positiveInt(10),
    INFERENCE_URL: env.url(['http', 'https']).default('http://127.0.0.1:4006'),
    NLP_URL: env.url(['http', 'https']).default('http://127.0.0.1:4003'),
  })
  .transform((e) => ({
    ...connectedServiceSections('reporter', e),
    registry: {
      /** dl-trainer: model versions, their files, aliases, runs, training jobs, and the report records. */
      url: e.REGISTRY_URL.replace(/\/$/, ''),
      /** Bound on one call (a file download included). */
      timeoutMs: e.REGISTRY_TIMEOUT_MS,
    },
    featureStore: {
      /** feature-store: the dataset version's records, for the texts of the worst mistakes. */
      url: e.FEATURE_STORE_URL.replace(/\/$/, ''),
      /** Bound on reading one dataset version. */
      timeoutMs: e.FEATURE_STORE_TIMEOUT_MS,
    },
    /** The services the dashboard's proxy (`/ui/api/<service>/...`) forwards to, besides the registry and feature-store above. */
    dashboard: {
      inferenceUrl: e.INFERENCE_URL.replace(/\/$/, ''),
      nlpUrl: e.NLP_URL.replace(/\/$/, ''),
      /** The session cookie is `Secure` when the dashboard is reached over https. */
      secureCookie: e.PUBLIC_URL.startsWith('https:'),
    },
    /** Where clients reach this service: the base of the report URL the registry records. */
    publicUrl: e.PUBLIC_URL.replace(/\/$/, ''),
    render: {
      /** Bound on one attempt of a run report: gathering its inputs and rendering the PDF and tables. */
      timeoutMs: e.RENDER_TIMEOUT_MS,
      /** Attempts of a run report before it is marked failed (`report.failed`). */
      maxAttempts: e.RENDER_MAX_ATTEMPTS,
      /** Delay before the first retry; doubled per attempt, at most 5 minutes. */
      retryDelayMs: e.RENDER_RETRY_DELAY_MS,
      /** Run reports one process renders at once (the `reports.render` consumer's prefetch). */
      workers: e.RENDER_WORKERS,
    },
    compare: {
      /** Comparison reports rendered at once. */
      maxRenders: e.COMPARE_MAX_RENDERS,
      /** Comparison requests waiting for a render slot; beyond, 503 with `Retry-After`. */
      maxWaiting: e.COMPARE_MAX_WAITING,
      retryAfterSeconds: e.COMPARE_RETRY_AFTER_S,
    },
  }));

export type ReporterConfig = z.output<typeof schema>;

/** Parses reporter's environment once into its frozen config. */
export function loadReporterConfig(source: Record<string, string | undefined> = process.env): Readonly<ReporterConfig> {
  return loadConfig(schema, source);
}
