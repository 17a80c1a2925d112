import { createHash } from 'node:crypto';
import { createServiceClient, type ServiceClient } from '@mlops/clients';
import { reporterRoutes, type PromotionDecision } from '@mlops/contracts';

type ComparisonRecord = NonNullable<PromotionDecision['comparisonReport']>;

/**
 * Asks the reporter for the comparison report of two versions (`GET /v1/reports/compare.pdf`,
 * rendered on demand and cached by the reporter), so that it is ready when someone opens it;
 * records where it is with its sha256 and size, or why it could not be had. Without a reporter
 * URL only the address is recorded.
 */
export class ComparisonReports {
  readonly #reporter: ServiceClient<typeof reporterRoutes> | undefined;
  readonly #publicUrl: string;

  constructor(options: { baseUrl: string | undefined; timeoutMs: number; apiKey?: string | undefined }) {
    this.#reporter =
      options.baseUrl === undefined
        ? undefined
        : createServiceClient(reporterRoutes, { ...options, baseUrl: options.baseUrl });
    this.#publicUrl = options.baseUrl ?? '';
  }

  async request(model: string, production: number, candidate: number): Promise<ComparisonRecord> {
    const query = { model, a: production, b: candidate };
    const url = `${this.#publicUrl}/v1/reports/compare.pdf?model=${encodeURIComponent(model)}&a=${production}&b=${candidate}`;
    if (!this.#reporter) return { url, a: production, b: candidate, error: 'no REPORTER_URL configured' };
    try {
      const answer = await this.#reporter.compare({ query });
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of answer.body) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
      }
      return { url, a: production, b: candidate, sha256: hash.digest('hex'), size };
    } catch (error) {
      return { url, a: production, b: candidate, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
