/**
 * The corpora of the featurize benchmark: every corpus of the training benchmark (its texts, and
 * its train part for the fit-time figures), SpamAssassin bodies of about 1 KB, and generated
 * multilingual and emoji text.
 */
import { multilingualTexts } from '../../tools/differential/multilingual.js';
import {
  loadFortunes,
  loadSotu,
  loadSpamAssassin,
  loadWordnetGlosses,
  splitDataset,
  type BenchDataset,
} from '../training/datasets.js';

export interface FeaturizeCorpus {
  readonly name: string;
  readonly source: string;
  readonly texts: readonly string[];
  /** The train part of the training benchmark's split, when the corpus is one of its corpora. */
  readonly trainTexts: readonly string[] | null;
}

/** SpamAssassin bodies of 768 to 1,280 UTF-16 code units: the median body is 1,024. */
const ONE_KB = { min: 768, max: 1280 };

function fromDataset(dataset: BenchDataset): FeaturizeCorpus {
  return {
    name: dataset.name,
    source: dataset.source,
    texts: dataset.examples.map((example) => example.text),
    trainTexts: splitDataset(dataset).train.map((example) => example.text),
  };
}

const loaders: Readonly<Record<string, () => Promise<FeaturizeCorpus[]>>> = {
  spamassassin: async () => {
    const corpus = fromDataset(await loadSpamAssassin());
    const oneKb = corpus.texts.filter((text) => text.length >= ONE_KB.min && text.length <= ONE_KB.max);
    return [
      corpus,
      {
        name: 'spamassassin-1kb',
        source: `the SpamAssassin bodies of ${ONE_KB.min}–${ONE_KB.max} characters`,
        texts: oneKb,
        trainTexts: null,
      },
    ];
  },
  'wordnet-noun-glosses': () => Promise.resolve([fromDataset(loadWordnetGlosses())]),
  fortunes: () => Promise.resolve([fromDataset(loadFortunes())]),
  sotu: () => Promise.resolve([fromDataset(loadSotu())]),
  multilingual: () =>
    Promise.resolve([
      {
        name: 'multilingual',
        source:
          'generated (tools/differential): 4,000 texts of ~400 characters, 14 scripts, emoji sequences, numbers, joins, controls',
        texts: multilingualTexts(4000),
        trainTexts: null,
      },
    ]),
};

/**
 * The corpora named in `wanted`, in this order (all when empty): a loader's key gives all its
 * corpora, one of their names (`spamassassin-1kb`) that corpus alone.
 */
export async function loadCorpora(wanted: readonly string[]): Promise<FeaturizeCorpus[]> {
  const names = wanted.length > 0 ? wanted : Object.keys(loaders);
  const corpora: FeaturizeCorpus[] = [];
  const loaded = new Map<string, FeaturizeCorpus[]>();
  for (const name of names) {
    const loaderName = Object.keys(loaders).find((known) => name === known || name.startsWith(`${known}-`));
    const load = loaderName === undefined ? undefined : loaders[loaderName];
    if (!loaderName || !load) throw new Error(`unknown corpus ${name} (known: ${Object.keys(loaders).join(', ')})`);
    const produced = loaded.get(loaderName) ?? (await load());
    loaded.set(loaderName, produced);
    corpora.push(...(name === loaderName ? produced : produced.filter((corpus) => corpus.name === name)));
  }
  return corpora;
}
