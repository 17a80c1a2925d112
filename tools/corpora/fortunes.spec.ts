import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFortunes } from './fortunes.js';

describe('fortune corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fortunes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the cookies of every category file, skipping indexes, symlinks and folders', () => {
    writeFileSync(join(dir, 'riddles'), 'Q: Why?\nA: Because.\n%\nSecond one.\n%\n');
    writeFileSync(join(dir, 'riddles.dat'), 'binary');
    symlinkSync(join(dir, 'riddles'), join(dir, 'riddles.u8'));
    writeFileSync(join(dir, 'art'), '%\nFirst\n%\n\n%\nLast, no closing mark');
    mkdirSync(join(dir, 'off'));
    expect(readFortunes(dir)).toEqual([
      { id: 'art/0', category: 'art', text: 'First' },
      { id: 'art/1', category: 'art', text: 'Last, no closing mark' },
      { id: 'riddles/0', category: 'riddles', text: 'Q: Why?\nA: Because.' },
      { id: 'riddles/1', category: 'riddles', text: 'Second one.' },
    ]);
  });
});
