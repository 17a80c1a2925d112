import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declaredTypeWarnings } from './declared-type.js';
import { decodeText, looksLikeEmail } from './decode-text.js';
import { formatById } from './formats.js';
import { sniffType } from './sniff-type.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/documents/${name}`, import.meta.url));

async function sniffedId(name: string): Promise<string> {
  return (await sniffType(fixture(name))).format.id;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('sniffType', () => {
  it('recognises every fixture by its bytes', async () => {
    expect(await sniffedId('text.pdf')).toBe('pdf');
    expect(await sniffedId('page-5.png')).toBe('png');
    expect(await sniffedId('crop.jpg')).toBe('jpg');
    expect(await sniffedId('two-pages.tif')).toBe('tif');
    expect(await sniffedId('memo.docx')).toBe('docx');
    expect(await sniffedId('memo.odt')).toBe('odt');
    expect(await sniffedId('message.eml')).toBe('eml');
    expect(await sniffedId('notes.txt')).toBe('txt');
    expect(await sniffedId('latin1.txt')).toBe('txt');
  });

  it('reads what a mislabelled file really is', async () => {
    expect(await sniffedId('bad/png-named.pdf')).toBe('png');
  });

  it('refuses zero bytes, random bytes and known formats it does not handle', async () => {
    expect(await codeOf(sniffType(Buffer.alloc(0)))).toBe('RECOGNITION_EMPTY');
    expect(await codeOf(sniffType(fixture('bad/random-bytes.pdf')))).toBe('RECOGNITION_UNSUPPORTED_TYPE');
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);
    expect(await codeOf(sniffType(gif))).toBe('RECOGNITION_UNSUPPORTED_TYPE');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with or without BOM, UTF-16 with BOM, and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\ufeffcafé', 'utf8'))).toEqual({ text: 'café', encoding: 'utf-8', fallback: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé', 'utf16le')]))?.text).toBe('hé');
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x68, 0x00, 0xe9]))?.text).toBe('hé');
    expect(decodeText(fixture('latin1.txt'))).toMatchObject({ encoding: 'windows-1252', fallback: true });
    expect(decodeText(fixture('latin1.txt'))?.text).toContain('Café crème');
  });

  it('reads 7-bit ISO-2022-JP text (escape sequences) as text, as found in real e-mail', () => {
    const iso2022jp = Buffer.from('From: a@example.jp\nSubject: hi\n\n\x1b$B$3$s$K$A$O\x1b(B world\n', 'latin1');
    expect(decodeText(iso2022jp)?.encoding).toBe('utf-8');
    expect(looksLikeEmail(decodeText(iso2022jp)?.text ?? '')).toBe(true);
  });

  it('keeps valid UTF-8 whose text holds literal replacement characters (damaged old e-mail) as text', () => {
    const damaged = Buffer.from(
      `From: a@example.cn\nSubject: hi\n\n${'\ufffd'.repeat(40)} offer ${'\ufffd'.repeat(40)}\n`,
      'utf8',
    );
    expect(decodeText(damaged)?.encoding).toBe('utf-8');
    expect(decodeText(Buffer.from([0xfe, 0xff, 0xd8, 0x00, 0xd8, 0x00, 0xd8, 0x00]))).toBeUndefined();
  });

  it('calls bytes with NUL or many control characters binary', () => {
    expect(decodeText(Buffer.from([0x61, 0x00, 0x62]))).toBeUndefined();
    expect(decodeText(Buffer.from('ab\x01\x02\x03cd', 'latin1'))).toBeUndefined();
  });
});

describe('looksLikeEmail', () => {
  it('needs a header block with an originator and another message header', () => {
    expect(looksLikeEmail('From: a@example.org\r\nSubject: hi\r\n\r\nbody')).toBe(true);
    expect(looksLikeEmail('From someone Mon Jan 1\nFrom: a@example.org\nTo: b@example.org\n folded\n\nbody')).toBe(
      true,
    );
    expect(looksLikeEmail('Subject: hi\n\nno sender')).toBe(false);
    expect(looksLikeEmail('From: a@example.org\nthis is prose, not a header\n')).toBe(false);
    expect(looksLikeEmail('Dear reader, From: is a word.')).toBe(false);
  });
});

describe('declaredTypeWarnings', () => {
  const png = formatById('png');
  if (!png) throw new Error('png is a known format');

  it('warns when the name or the media type names another known format', () => {
    const warnings = declaredTypeWarnings({ filename: 'scan.PDF', mime: 'application/pdf' }, png);
    expect(warnings.map((w) => w.code)).toEqual(['DECLARED_TYPE_MISMATCH', 'DECLARED_TYPE_MISMATCH']);
    expect(warnings[0]?.message).toContain('.PDF');
  });

  it('accepts aliases, unknown extensions, generic media types and missing declarations', () => {
    const jpg = formatById('jpg');
    if (!jpg) throw new Error('jpg is a known format');
    expect(declaredTypeWarnings({ filename: 'photo.JPEG', mime: 'image/jpeg; q=1' }, jpg)).toEqual([]);
    expect(declaredTypeWarnings({ filename: 'scan.bin', mime: 'application/octet-stream' }, png)).toEqual([]);
    expect(declaredTypeWarnings({ filename: null, mime: null }, png)).toEqual([]);
  });
});
