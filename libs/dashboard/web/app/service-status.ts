import { signal } from '@preact/signals';

/** Services that did not answer the last call the dashboard made to them. */
export const downServices = signal<ReadonlySet<string>>(new Set());

/** Records whether a service answered (any HTTP answer counts) or not. */
export function markService(service: string, up: boolean): void {
  const current = downServices.value;
  if (up === !current.has(service)) return;
  const next = new Set(current);
  if (up) next.delete(service);
  else next.add(service);
  downServices.value = next;
}
