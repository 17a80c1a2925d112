import { isRouteDescriptor, type RouteDescriptor, type RouteTree } from '@mlops/contracts';
import type { CallOptions, ClientOptions, RouteCall } from './call-types.js';
import { sendCall, type RouteCallInput } from './route-call.js';

/** A typed client of a tree of routes: the same shape, each route a function. */
export type ServiceClient<T extends RouteTree> = {
  readonly [K in keyof T]: T[K] extends RouteDescriptor
    ? RouteCall<T[K]>
    : T[K] extends RouteTree
      ? ServiceClient<T[K]>
      : never;
};

/**
 * Builds a typed client from route descriptors: `createServiceClient(registryRoutes, options)`
 * gives `client.aliases.put({ params, body })`, whose input and answer types come from the
 * descriptor.
 */
export function createServiceClient<T extends RouteTree>(tree: T, options: ClientOptions): ServiceClient<T> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const settings = { ...options, baseUrl };
  const build = (node: RouteTree): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(node).map(([key, child]) => [
        key,
        isRouteDescriptor(child)
          ? (input: RouteCallInput = {}, callOptions?: CallOptions) => sendCall(child, input, settings, callOptions)
          : build(child),
      ]),
    );
  return build(tree) as ServiceClient<T>;
}
