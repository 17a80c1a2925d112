/**
 * The tagger model: a tagger is a pure, deterministic function from a text (and options) to hits,
 * so that training evaluation (libs/ml) and serving (nlp) run the very same rules. The folder
 * imports nothing but itself.
 */

/** Normalised value of a hit. */
export type HitValue = string | number | { readonly amount: number; readonly currency: string };

/** One match: `text` is `input.slice(start, end)` (UTF-16 code units, end exclusive). */
export interface Hit<V extends HitValue = HitValue> {
  readonly tagger: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly value: V;
}

/** Options a request may set for all taggers. */
export interface TaggerOptions {
  /** Order of day and month in numeric dates such as 05/03/2024. */
  readonly dateOrder: 'dmy' | 'mdy';
  /** ISO 3166 region of national phone numbers; without one they stay national digits. */
  readonly phoneRegion?: string | undefined;
}

/** Options when none are given: day first in numeric dates, no phone region. The decision rules of libs/ml always use these. */
export const DEFAULT_TAGGER_OPTIONS: TaggerOptions = Object.freeze({ dateOrder: 'dmy' });

/** An input and the value of the hit it yields (checked by the registry's tests, shown by `GET /v1/taggers`). */
export interface TaggerExample {
  readonly text: string;
  readonly value: HitValue;
}

/** A named, pure and deterministic entity finder, listed in the registry (`registry.ts`). */
export interface Tagger {
  /** Lower-case name used in requests (`taggers: ["iban"]`). */
  readonly name: string;
  readonly description: string;
  readonly examples: readonly TaggerExample[];
  /** Finds the tagger's hits in a text, ordered by start, never overlapping each other. */
  tag(text: string, options: TaggerOptions): Hit[];
}

/** Builds a hit of `tagger` for `text.slice(start, end)`. */
export function hit<V extends HitValue>(tagger: string, text: string, start: number, end: number, value: V): Hit<V> {
  return { tagger, start, end, text: text.slice(start, end), value };
}
