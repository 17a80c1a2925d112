/**
 * Document recognition against the usual command-line peers, on the same files in one run:
 * - PDF text layers: pages/s of document-recognition (`POST /v1/extract`) vs `pdftotext`
 *   (poppler), and the word agreement of our text with pdftotext's;
 * - OCR: words/s and word accuracy of document-recognition on rendered pages (PNG, 150 dpi) vs
 *   the `tesseract` command line, both against the text layer of the same page.
 * document-recognition checks API keys: feature-store runs beside it as the key owner
 * (bench/lib/key-owner.ts, against the local MongoDB and RabbitMQ of `scripts/infra`) and every
 * request carries the run's key.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../services/document-recognition/src/app.js';
import { loadDocumentRecognitionConfig } from '../../services/document-recognition/src/config.js';
import { wordRecall, words } from '../../services/document-recognition/test/text-agreement.js';
import { startKeyOwner } from '../lib/key-owner.js';
import { ensureDebianPeers } from '../lib/peers.js';
import { writeResults, type BenchRow } from '../lib/results.js';

ensureDebianPeers({
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  tesseract: 'tesseract-ocr',
  pdfinfo: 'poppler-utils',
});

const fixture = fileURLToPath(new URL('../../fixtures/documents/text.pdf', import.meta.url));
const candidates = [
  fixture,
  '/usr/share/doc/libtasn1-doc/libtasn1.pdf',
  '/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf',
];
const pdfs = [...new Set(candidates)].filter((path) => {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
});
const OCR_PAGES = Number(process.env.BENCH_OCR_PAGES ?? 4);
const work = mkdtempSync(join(tmpdir(), 'bench-recognition-'));
const keyOwner = await startKeyOwner({ label: 'benchrecognition', mongoDb: 'bench_recognition_feature_store' });
const app = await buildApp(loadDocumentRecognitionConfig({ LOG_LEVEL: 'warn', ...keyOwner.serviceEnv })).catch(
  async (error: unknown) => {
    await keyOwner.stop();
    throw error;
  },
);

const pageCount = (pdf: string): number =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
const pdftotext = (pdf: string, page?: number): string =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
async function extract(bytes: Buffer, filename: string): Promise<{ text: string; pageCount: number }> {
  const response = await app.inject({
    method: 'POST',
    url: `/v1/extract?filename=${filename}`,
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream', ...keyOwner.headers },
  });
  if (response.statusCode !== 200)
    throw new Error(`${filename}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  return response.json<{ text: string; pageCount: number }>();
}
const time = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, (performance.now() - started) / 1000];
};

const rows: BenchRow[] = [];
await extract(readFileSync(fixture), 'warmup.pdf');
for (const pdf of pdfs) {
  const name = pdf.split('/').at(-1) ?? pdf;
  const pages = pageCount(pdf);
  const bytes = readFileSync(pdf);
  const [ours, oursSeconds] = await time(() => extract(bytes, name));
  const [theirs, theirSeconds] = await time(() => pdftotext(pdf));
  rows.push(
    {
      system: 'document-recognition',
      case: `${name} (${pages} pages)`,
      metric: 'pages_per_s',
      value: Math.round(pages / oursSeconds),
      unit: '1/s',
    },
    {
      system: 'pdftotext',
      case: `${name} (${pages} pages)`,
      metric: 'pages_per_s',
      value: Math.round(pages / theirSeconds),
      unit: '1/s',
    },
    {
      system: 'document-recognition',
      case: `${name} (${pages} pages)`,
      metric: 'word_agreement_with_pdftotext',
      value: Math.round(wordRecall(ours.text, theirs) * 1000) / 1000,
      unit: 'ratio',
    },
  );
}

execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '2', '-l', String(1 + OCR_PAGES), fixture, join(work, 'page')]);
const pngs = readdirSync(work)
  .filter((file) => file.endsWith('.png'))
  .sort();
let ourWords = 0;
let theirWords = 0;
let ourSeconds = 0;
let theirSeconds = 0;
let ourRecall = 0;
let theirRecall = 0;
for (const png of pngs) {
  const page = Number(/-(\d+)\.png$/.exec(png)?.[1] ?? 0);
  const truth = pdftotext(fixture, page);
  const [ours, s1] = await time(() => extract(readFileSync(join(work, png)), png));
  const [theirs, s2] = await time(() =>
    execFileSync('tesseract', [join(work, png), 'stdout', '-l', 'eng'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  ourSeconds += s1;
  theirSeconds += s2;
  ourWords += words(ours.text).length;
  theirWords += words(theirs).length;
  ourRecall += wordRecall(ours.text, truth);
  theirRecall += wordRecall(theirs, truth);
}
const ocrCase = `${pngs.length} pages of ${fixture.split('/').at(-1) ?? ''} at 150 dpi`;
rows.push(
  {
    system: 'document-recognition (tesseract.js, WASM)',
    case: ocrCase,
    metric: 'words_per_s',
    value: Math.round(ourWords / ourSeconds),
    unit: '1/s',
  },
  {
    system: 'tesseract CLI',
    case: ocrCase,
    metric: 'words_per_s',
    value: Math.round(theirWords / theirSeconds),
    unit: '1/s',
  },
  {
    system: 'document-recognition (tesseract.js, WASM)',
    case: ocrCase,
    metric: 'word_accuracy',
    value: Math.round((ourRecall / pngs.length) * 1000) / 1000,
    unit: 'ratio',
  },
  {
    system: 'tesseract CLI',
    case: ocrCase,
    metric: 'word_accuracy',
    value: Math.round((theirRecall / pngs.length) * 1000) / 1000,
    unit: 'ratio',
  },
);
await app.close();
await keyOwner.stop();
rmSync(work, { recursive: true, force: true });
process.stdout.write(
  `${writeResults('recognition', rows, [
    'word agreement and accuracy: bag-of-words recall of the reference words (pdftotext text of the same page for OCR)',
    'document-recognition timed through its HTTP handler (app.inject), one file at a time; peers as child processes',
  ])}\n`,
);
