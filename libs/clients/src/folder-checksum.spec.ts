import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { folderChecksum } from './folder-checksum.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('folderChecksum', () => {
  const files = [
    { path: 'model.onnx', sha256: sha('weights') },
    { path: 'B.json', sha256: sha('upper') },
    { path: 'a/vocab.txt', sha256: sha('vocab') },
  ];

  it('is the sha256 of `<path>\\0<sha256>\\n` lines sorted by path, byte-wise (`B` before `a`)', () => {
    const lines = ['B.json', 'a/vocab.txt', 'model.onnx'].map((path) => {
      const file = files.find((candidate) => candidate.path === path);
      return `${path}\0${file?.sha256 ?? ''}\n`;
    });
    expect(folderChecksum(files)).toBe(sha(lines.join('')));
  });

  it('does not depend on the order the files are listed in, and does not reorder its input', () => {
    const reversed = [...files].reverse();
    expect(folderChecksum(reversed)).toBe(folderChecksum(files));
    expect(reversed[0]?.path).toBe('a/vocab.txt');
  });

  it('changes when a path or a file hash changes', () => {
    const base = folderChecksum(files);
    expect(folderChecksum([...files.slice(1), { path: 'model2.onnx', sha256: sha('weights') }])).not.toBe(base);
    expect(folderChecksum([...files.slice(1), { path: 'model.onnx', sha256: sha('other') }])).not.toBe(base);
  });

  it('of an empty folder is the sha256 of nothing', () => {
    expect(folderChecksum([])).toBe(sha(''));
  });
});
