/**
 * The suite's side of the featurize benchmark, in a child process on the workspace sources
 * (`node --conditions=source --import tsx`, TSX_TSCONFIG_PATH=tsconfig.check.json for @mlops/text):
 *
 *   measure-featurizer.ts <input.json> <out.json>
 *   input.json: { "name": "...", "texts": [...], "trainTexts": [...] | null, "rounds": 5, "profileDir": null }
 *
 * Fits the default featurizer on the texts, checks that the featurizer (WebAssembly kernel for
 * ASCII texts), the same without the kernel (TypeScript only) and the reference (the implementation
 * before, kept in libs/ml and libs/text) give the same tokens and vectors for every text, then times, round after round in turns, tokenising and featurising every text with each.
 * With `trainTexts`, also times what training does before the model: fit on them and featurise them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import {
  fitReferenceTextFeaturizer,
  fitTextFeaturizer,
  referenceTextFeaturizer,
  textFeaturizerFromJSON,
  type SparseVector,
} from '@mlops/ml';
import { TokenBuffer } from '@mlops/text';
import { median, throughput, timed, type Timing } from './timing.js';

interface Input {
  readonly name: string;
  readonly texts: readonly string[];
  readonly trainTexts: readonly string[] | null;
  readonly rounds: number;
  /** Where to write a V8 CPU profile of one featurising round of each implementation, or null. */
  readonly profileDir: string | null;
}

const [inputFile, outFile] = process.argv.slice(2);
if (!inputFile || !outFile) throw new Error('usage: measure-featurizer <input.json> <out.json>');
const input = JSON.parse(readFileSync(inputFile, 'utf8')) as Input;
const { texts } = input;
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);

const featurizer = fitTextFeaturizer(
  {},
  texts.map((text) => ({ text })),
);
const reference = referenceTextFeaturizer(featurizer.toJSON());
const typescriptOnly = textFeaturizerFromJSON(featurizer.toJSON(), { asciiKernel: false });
const { tokenizer } = featurizer;

const sameVector = (a: SparseVector, b: SparseVector): boolean =>
  a.ids.length === b.ids.length &&
  a.ids.every((id, index) => id === b.ids[index] && a.values[index] === b.values[index]);
let differentTokens = 0;
let differentVectors = 0;
let tokens = 0;
for (const text of texts) {
  const mine = tokenizer.tokenize(text);
  tokens += mine.length;
  if (JSON.stringify(mine) !== JSON.stringify(reference.tokenizer.tokenize(text))) differentTokens++;
  const vector = featurizer.transform(text);
  if (!sameVector(vector, reference.transform(text)) || !sameVector(vector, typescriptOnly.transform(text))) {
    differentVectors++;
  }
}

const buffer = new TokenBuffer();
let sink = 0;
const runs: Record<string, () => void> = {
  'tokenise, reference (regular expression, Token objects)': () => {
    for (const text of texts) sink += reference.tokenizer.tokenize(text).length;
  },
  'tokenise, single pass (Token objects)': () => {
    for (const text of texts) sink += tokenizer.tokenize(text).length;
  },
  'tokenise, single pass (into typed arrays)': () => {
    for (const text of texts) {
      tokenizer.tokenizeInto(text, buffer);
      sink += buffer.count;
    }
  },
  'featurise, reference': () => {
    for (const text of texts) sink += reference.transform(text).ids.length;
  },
  'featurise, single pass: tokens, hashes and vocabulary ids only': () => {
    for (const text of texts) sink += typescriptOnly.describe(text).tokens;
  },
  'featurise, single pass': () => {
    for (const text of texts) sink += typescriptOnly.transform(text).ids.length;
  },
  'featurise, WebAssembly kernel for ASCII texts': () => {
    for (const text of texts) sink += featurizer.transform(text).ids.length;
  },
};
for (const run of Object.values(runs)) run();
const rounds: Record<string, Timing[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
for (let round = 0; round < input.rounds; round++) {
  for (const [name, run] of Object.entries(runs)) rounds[name]?.push(timed(run));
}

/** Writes a CPU profile of one run of each featurising implementation, to open in Chrome DevTools. */
async function writeProfiles(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  for (const name of [
    'featurise, reference',
    'featurise, single pass',
    'featurise, WebAssembly kernel for ASCII texts',
  ]) {
    await session.post('Profiler.start');
    runs[name]?.();
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${input.name}-${name.replace(/\W+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  }
  session.disconnect();
}
if (input.profileDir) await writeProfiles(input.profileDir);

let fit: Record<string, Timing> | null = null;
if (input.trainTexts) {
  const examples = input.trainTexts.map((text) => ({ text }));
  const fitAndFeaturise = {
    reference: () => {
      const fitted = fitReferenceTextFeaturizer({}, examples);
      for (const { text } of examples) sink += fitted.transform(text).ids.length;
    },
    singlePass: () => {
      const fitted = fitTextFeaturizer({}, examples);
      for (const { text } of examples) sink += fitted.transform(text).ids.length;
    },
  };
  const medianOfThree = (run: () => void): Timing => {
    const times = [timed(run), timed(run), timed(run)];
    return { cpuSeconds: median(times.map((t) => t.cpuSeconds)), wallSeconds: median(times.map((t) => t.wallSeconds)) };
  };
  fit = { reference: medianOfThree(fitAndFeaturise.reference), singlePass: medianOfThree(fitAndFeaturise.singlePass) };
}

writeFileSync(
  outFile,
  JSON.stringify({
    texts: texts.length,
    bytes,
    tokens,
    features: featurizer.dimension,
    vocabulary: featurizer.vocabulary.size,
    differentTokens,
    differentVectors,
    throughput: Object.fromEntries(Object.entries(rounds).map(([name, times]) => [name, throughput(bytes, times)])),
    fit,
    checksum: sink % 1000,
  }),
);
