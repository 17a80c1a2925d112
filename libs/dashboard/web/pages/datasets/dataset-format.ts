import type { Adapter, Filterer } from '@mlops/contracts';

/** A date and time as people read it here, in the browser's locale and zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An adapter in words. */
export function describeAdapter(adapter: Adapter): string {
  const pairs = Object.entries(adapter.map).map(([from, to]) => `${from} → ${to}`);
  return `label map ${pairs.join(', ')}${adapter.dropUnmapped ? '; other labels dropped' : ''}`;
}

/** A filterer in words. */
export function describeFilterer(filterer: Filterer): string {
  switch (filterer.kind) {
    case 'min_examples_per_label':
      return `labels with fewer than ${filterer.min} examples dropped`;
    case 'text_length':
      if (filterer.min !== undefined && filterer.max !== undefined)
        return `texts outside ${filterer.min}–${filterer.max} characters dropped`;
      return filterer.max === undefined
        ? `texts shorter than ${filterer.min ?? 0} characters dropped`
        : `texts longer than ${filterer.max} characters dropped`;
    case 'language':
      return `languages other than ${filterer.allow.join(', ')} dropped`;
    case 'exact_duplicates':
      return 'exact duplicates dropped';
    case 'near_duplicates':
      return `near duplicates (similarity ≥ ${filterer.threshold}) dropped`;
  }
}

/** A step's reasons as "too_short 3, exact_duplicate 1", or "nothing". */
export function describeDropped(dropped: Readonly<Record<string, number>>): string {
  const reasons = Object.entries(dropped).filter(([, count]) => count > 0);
  return reasons.length === 0
    ? 'nothing'
    : reasons.map(([reason, count]) => `${reason.replace(/_/g, ' ')} ${count}`).join(', ');
}
