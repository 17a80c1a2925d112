import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { buildPdf, manyPagesObjects, onePageObjects } from './pdf-builder.js';
import { zipArchive } from './zip-writer.js';

/*
 * Writes the hostile-file corpus into a directory, with `cases.json` describing each case: which
 * service and route it is sent to, how, and the statuses that count as a clear answer. Run at
 * test time (nothing large is committed): `node --import tsx tests/hostile/generate-corpus.ts <dir>`.
 */

/** One hostile input and what a clear answer to it is. */
export interface HostileCase {
  readonly name: string;
  readonly description: string;
  readonly file: string;
  readonly target: 'recognition' | 'nlp';
  /** multipart upload (recognition), the file's text as `texts[0]` of a JSON body, or that body gzipped. */
  readonly send: 'multipart' | 'json' | 'gzip-json';
  /** The name the upload declares; the nlp route for JSON cases. */
  readonly filename?: string;
  readonly route?: string;
  /** Statuses that are a clear answer: 200 where the input is legitimate but large, else 4xx. */
  readonly accept: readonly number[];
}

const MB = 1024 * 1024;
const BOMB_MB = 256;

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG whose header claims 100000 x 100000 pixels (10^10), with one tiny IDAT. */
function giantPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG whose start-of-frame claims 65535 x 65535 pixels. */
function giantJpeg(): Buffer {
  const frame = [0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xff, 0xff, 0xff, 0x03, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0];
  return Buffer.from([0xff, 0xd8, ...frame, 0xff, 0xd9]);
}

/** A DOCX whose word/document.xml inflates to BOMB_MB of spaces (about 0.25 MB compressed). */
async function zipBombDocx(path: string): Promise<void> {
  const types =
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const spaces = Buffer.alloc(MB, 0x20);
  const archive = await zipArchive([
    { name: '[Content_Types].xml', chunks: () => [Buffer.from(types)] },
    {
      name: 'word/document.xml',
      chunks: function* () {
        yield Buffer.from(
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
        );
        for (let i = 0; i < BOMB_MB; i += 1) yield spaces;
        yield Buffer.from('</w:t></w:r></w:p></w:body></w:document>');
      },
    },
  ]);
  writeFileSync(path, archive);
}

/** BOMB_MB of spaces gzipped (about 0.25 MB), between a prefix and a suffix. */
async function gzipBomb(path: string, prefix = '', suffix = ''): Promise<void> {
  const spaces = Buffer.alloc(MB, 0x20);
  function* content() {
    yield Buffer.from(prefix);
    for (let i = 0; i < BOMB_MB; i += 1) yield spaces;
    yield Buffer.from(suffix);
  }
  await pipeline(Readable.from(content()), createGzip({ level: 9 }), createWriteStream(path));
}

function email(body: string, type = 'text/plain'): string {
  return [
    'From: Mallory <mallory@example.com>',
    'To: victim@example.com',
    'Subject: hostile input',
    'Date: Sat, 05 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: ${type}; charset=utf-8`,
    '',
    body,
  ].join('\r\n');
}

const FIVE_MB = 5_000_000;
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Writes every case's file into `dir` and returns the cases (also written to `dir/cases.json`). */
export async function generateHostileCorpus(dir: string): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add = (entry: HostileCase, content?: string | Uint8Array) => {
    if (content !== undefined) writeFileSync(join(dir, entry.file), content);
    cases.push(entry);
  };
  const pdfCase = (name: string, description: string, content: Buffer, accept: number[], filename = `${name}.pdf`) =>
    add(
      { name, description, file: `${name}.bin`, target: 'recognition', send: 'multipart', filename, accept },
      content,
    );

  await zipBombDocx(join(dir, 'zip-bomb.docx'));
  add({
    name: 'zip-bomb-docx',
    description: `DOCX whose document.xml inflates to ${BOMB_MB} MB`,
    file: 'zip-bomb.docx',
    target: 'recognition',
    send: 'multipart',
    filename: 'report.docx',
    accept: [413, 422],
  });
  await gzipBomb(join(dir, 'gzip-bomb.gz'));
  add({
    name: 'gzip-bomb-upload',
    description: `gzip of ${BOMB_MB} MB uploaded as a file`,
    file: 'gzip-bomb.gz',
    target: 'recognition',
    send: 'multipart',
    filename: 'notes.txt.gz',
    accept: [415],
  });
  await gzipBomb(join(dir, 'gzip-bomb.json.gz'), '{"texts":["', '"]}');
  add({
    name: 'gzip-bomb-body',
    description: `JSON body of ${BOMB_MB} MB sent gzipped (Content-Encoding: gzip) to nlp`,
    file: 'gzip-bomb.json.gz',
    target: 'nlp',
    send: 'gzip-json',
    route: '/v1/entities',
    accept: [400, 413, 415],
  });
  add(
    {
      name: 'giant-png',
      description: 'PNG header claiming 100000 x 100000 pixels',
      file: 'giant.png',
      target: 'recognition',
      send: 'multipart',
      filename: 'scan.png',
      accept: [422],
    },
    giantPng(),
  );
  add(
    {
      name: 'giant-jpeg',
      description: 'JPEG frame claiming 65535 x 65535 pixels',
      file: 'giant.jpg',
      target: 'recognition',
      send: 'multipart',
      filename: 'photo.jpg',
      accept: [422],
    },
    giantJpeg(),
  );
  pdfCase(
    'pdf-page-count-lie',
    'PDF whose page tree claims 1,000,000 pages but holds one (pdf.js counts the real ones)',
    buildPdf(onePageObjects({ pageCount: 1_000_000 })),
    [200, 422],
  );
  pdfCase('pdf-many-pages', 'PDF with 20,000 real pages (limit 500)', buildPdf(manyPagesObjects(20_000)), [422]);
  pdfCase(
    'pdf-malformed',
    'PDF header, garbage objects, %%EOF',
    Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\n${'(( [[ << '.repeat(20_000)}\n%%EOF\n`),
    [422],
  );
  pdfCase('pdf-truncated', 'PDF cut in the middle (no %%EOF)', buildPdf(onePageObjects()).subarray(0, 300), [422]);
  const encryption =
    '<< /Filter /Standard /V 1 /R 2 /O <' + 'ab'.repeat(32) + '> /U <' + 'cd'.repeat(32) + '> /P -4 >>';
  pdfCase(
    'pdf-encrypted',
    'PDF with a standard security handler and an unknown user password',
    buildPdf([...onePageObjects(), encryption], `/Encrypt 6 0 R /ID [<${'01'.repeat(16)}><${'01'.repeat(16)}>] `),
    [422],
  );
  pdfCase(
    'pdf-javascript',
    'PDF with an OpenAction JavaScript (never run: text extracted)',
    buildPdf([
      ...onePageObjects({ catalogExtra: '/OpenAction 6 0 R ' }),
      "<< /S /JavaScript /JS (app.alert\\('hostile'\\); while\\(true\\){}) >>",
    ]),
    [200],
  );
  pdfCase('pdf-named-docx', 'a valid PDF named .docx', buildPdf(onePageObjects()), [200], 'contract.docx');
  add(
    {
      name: 'html-named-pdf',
      description: 'HTML page named .pdf (read as text)',
      file: 'page.html',
      target: 'recognition',
      send: 'multipart',
      filename: 'invoice.pdf',
      accept: [200],
    },
    `<html><body>${'<div><p>hello</p>'.repeat(20_000)}</body></html>`,
  );
  add(
    {
      name: 'zip-named-eml',
      description: 'a ZIP archive named .eml',
      file: 'archive.zip',
      target: 'recognition',
      send: 'multipart',
      filename: 'message.eml',
      accept: [415],
    },
    await zipArchive([{ name: 'message.eml', chunks: () => [Buffer.from(email('hello'))] }]),
  );
  add(
    {
      name: 'email-blank-runs',
      description: 'e-mail with a 5 MB line of spaces and tabs between two words',
      file: 'blanks.eml',
      target: 'recognition',
      send: 'multipart',
      filename: 'blanks.eml',
      accept: [200],
    },
    email(`start${repeatTo(' \t', FIVE_MB)}end\r\nnext line   \r\n`),
  );
  add(
    {
      name: 'email-html-unclosed',
      description: 'HTML e-mail of 200,000 unclosed <a href=" tags and a 1 MB run of spaces',
      file: 'unclosed.eml',
      target: 'recognition',
      send: 'multipart',
      filename: 'unclosed.eml',
      accept: [200, 422],
    },
    email(`<html><body><p>one${' '.repeat(MB)}two</p>${'<a href="x '.repeat(200_000)}</body></html>`, 'text/html'),
  );
  add(
    {
      name: 'email-html-nested',
      description: 'HTML e-mail with 100,000 nested <div> and <blockquote> and quotes',
      file: 'nested.eml',
      target: 'recognition',
      send: 'multipart',
      filename: 'nested.eml',
      accept: [200, 422],
    },
    email(
      `<html><body>${'<div><blockquote title="\'">'.repeat(100_000)}deep${'</blockquote></div>'.repeat(100_000)}</body></html>`,
      'text/html',
    ),
  );
  add(
    {
      name: 'text-5mb-line',
      description: '5 MB plain text on one line',
      file: 'line.txt',
      target: 'recognition',
      send: 'multipart',
      filename: 'line.txt',
      accept: [200],
    },
    repeatTo('word 12 http://x.io/)) a@b ', FIVE_MB),
  );
  const nlpCase = (name: string, description: string, route: string, text: string) =>
    add({ name, description, file: `${name}.txt`, target: 'nlp', send: 'json', route, accept: [200, 422] }, text);
  nlpCase(
    'tagger-mix-5mb',
    '5 MB line built to make the taggers backtrack: URLs ending in 2,030 ), digit and @ runs, blank runs',
    '/v1/entities',
    repeatTo(
      `http://x.io${')'.repeat(2030)} ${'1 '.repeat(200)}${'a@'.repeat(100)}${' \t'.repeat(500)}www.x.io/${'.'.repeat(1000)} `,
      FIVE_MB,
    ),
  );
  nlpCase('tagger-digits-5mb', '5 MB of digits, dots and commas', '/v1/entities', repeatTo('1,000.1-2/3 ', FIVE_MB));
  nlpCase('tokens-one-word-5mb', 'one 5 MB token', '/v1/tokenize', 'a'.repeat(FIVE_MB));
  nlpCase('keywords-blanks-5mb', '5 MB of spaces and tabs', '/v1/keywords', repeatTo(' \t', FIVE_MB));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases, null, 2));
  return cases;
}

const target = process.argv[2];
if (target === undefined) throw new Error('usage: node --import tsx tests/hostile/generate-corpus.ts <directory>');
await generateHostileCorpus(target);
