import type { LabelQueue } from '@mlops/contracts';

/**
 * The labels offered, in key order: the URL's `labels` list when given (so the numbers never
 * move), else every label seen so far, sorted: those already counted for the task and those the
 * model suggests.
 */
export function offeredLabels(
  fromUrl: readonly string[],
  queue: Pick<LabelQueue, 'progress' | 'items'> | undefined,
): string[] {
  if (fromUrl.length > 0) return [...new Set(fromUrl)];
  const seen = new Set<string>();
  for (const { label } of queue?.progress.perLabel ?? []) seen.add(label);
  for (const item of queue?.items ?? []) for (const { label } of item.suggestion?.probabilities ?? []) seen.add(label);
  return [...seen].sort((a, b) => a.localeCompare(b));
}

/** The `labels` URL parameter as a list (comma separated, blanks dropped). */
export function labelsParam(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
}
