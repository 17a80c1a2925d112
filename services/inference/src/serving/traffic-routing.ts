import type { ServingRoute } from '@mlops/contracts';
import { z } from 'zod';
import { routesToCanary } from './canary-routing.js';
import type { LeaseResult, ModelServer } from './model-server.js';

/** How requests of a served model are split between production and its canary. */
export interface TrafficSplit {
  /** Share of request keys routed to the canary when one is loaded. */
  readonly canaryShare: number;
  /** The share of a model whose rollout sets one (its canary stage), instead of `canaryShare`. */
  readonly shareFor?: (model: string) => number | undefined;
}

/**
 * Leases the version that answers a request to the served model: its canary when one is loaded
 * and the request key falls in the canary share, else its production version.
 */
export function leaseForRequest(
  server: ModelServer,
  name: string,
  requestKey: string | undefined,
  split: TrafficSplit,
): { readonly result: LeaseResult; readonly route: ServingRoute } {
  const canary = server.leaseCandidate(name, 'canary');
  if (canary !== undefined) {
    if (routesToCanary(name, requestKey, split.shareFor?.(name) ?? split.canaryShare))
      return { result: { lease: canary }, route: 'canary' };
    canary.done();
  }
  return { result: server.leaseProduction(name), route: 'production' };
}

/**
 * Leases the version of a route decided earlier (`leaseForRequest`) for the same request: the
 * canary when the route was the canary and it is still loaded, else production.
 */
export function leaseOnRoute(
  server: ModelServer,
  name: string,
  route: ServingRoute,
): { readonly result: LeaseResult; readonly route: ServingRoute } {
  const canary = route === 'canary' ? server.leaseCandidate(name, 'canary') : undefined;
  if (canary !== undefined) return { result: { lease: canary }, route: 'canary' };
  return { result: server.leaseProduction(name), route: 'production' };
}

/** The request headers schema of a route that splits traffic: the optional request key header. */
export function routingKeyHeadersSchema(headerName: string) {
  return z.object({
    [headerName]: z
      .string()
      .max(512)
      .optional()
      .describe('Request key: requests with the same key are routed to the same side of the canary split'),
  });
}

/** The request key a request carries in the header, if any. */
export function requestKeyOf(headers: Readonly<Record<string, unknown>>, headerName: string): string | undefined {
  const value = headers[headerName];
  return typeof value === 'string' ? value : undefined;
}
