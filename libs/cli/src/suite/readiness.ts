import { UpstreamError } from '@mlops/clients';
import { readinessSchema } from '@mlops/contracts';
import { SERVICES, type ServiceName } from '../config/services.js';
import type { Settings } from '../config/resolve-settings.js';
import { CliError } from '../core/cli-error.js';
import type { SuiteClients } from '../core/suite-clients.js';

/** One service's state as `/readyz` tells it. */
export interface ServiceReadiness {
  readonly service: ServiceName;
  readonly url: string;
  readonly state: 'ready' | 'not-ready' | 'unreachable';
  /** The dependencies that are down (`mongo`, `amqp` ...), with their detail. */
  readonly down: readonly string[];
}

function downChecks(checks: Record<string, { status: string; detail?: string | undefined }>): string[] {
  return Object.entries(checks)
    .filter(([, check]) => check.status === 'down')
    .map(([name, check]) => (check.detail ? `${name} (${check.detail})` : name));
}

async function readinessOf(
  clients: SuiteClients,
  service: (typeof SERVICES)[number],
  url: string,
): Promise<ServiceReadiness> {
  try {
    const answer = await clients.health(url, service.name).ready();
    return {
      service: service.name,
      url,
      state: answer.status === 'ready' ? 'ready' : 'not-ready',
      down: downChecks(answer.checks),
    };
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 503) {
      const body = readinessSchema.safeParse(safeJson(error.detail));
      return { service: service.name, url, state: 'not-ready', down: body.success ? downChecks(body.data.checks) : [] };
    }
    if (error instanceof CliError || error instanceof UpstreamError)
      return { service: service.name, url, state: 'unreachable', down: [] };
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Asks every service's `/readyz` at once. */
export function suiteReadiness(settings: Settings, clients: SuiteClients): Promise<ServiceReadiness[]> {
  return Promise.all(SERVICES.map((service) => readinessOf(clients, service, settings.endpoints[service.key])));
}
