import { dateTagger } from './date.tagger.js';
import { emailTagger } from './email.tagger.js';
import { ibanTagger } from './iban.tagger.js';
import { moneyTagger } from './money.tagger.js';
import { percentageTagger } from './percentage.tagger.js';
import { phoneTagger } from './phone.tagger.js';
import type { Hit, Tagger, TaggerOptions } from './tagger.js';
import { urlTagger } from './url.tagger.js';

/** Every tagger, in the order their hits are listed when two start at the same offset. Adding one: its file and one line here. */
export const TAGGERS: readonly Tagger[] = [
  emailTagger,
  urlTagger,
  phoneTagger,
  dateTagger,
  moneyTagger,
  ibanTagger,
  percentageTagger,
];

const byName = new Map(TAGGERS.map((tagger) => [tagger.name, tagger]));

/** The registered tagger of that name, if any. */
export function findTagger(name: string): Tagger | undefined {
  return byName.get(name);
}

/** Runs taggers over a text and merges their hits, ordered by start, then by the taggers' order. */
export function runTaggers(text: string, taggers: readonly Tagger[], options: TaggerOptions): Hit[] {
  const rank = new Map(taggers.map((tagger, index) => [tagger.name, index]));
  return taggers
    .flatMap((tagger) => tagger.tag(text, options))
    .sort((a, b) => a.start - b.start || (rank.get(a.tagger) ?? 0) - (rank.get(b.tagger) ?? 0) || a.end - b.end);
}
