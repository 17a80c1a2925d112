import { describe, expect, it } from 'vitest';
import { FNV1A_OFFSET_BASIS, fnv1aAppend } from './fnv1a.js';
import { TokenIdTable } from './token-id-table.js';

/** `find` of a value given as a string, through its code units and hash as the featurizer passes them. */
function findIn(table: TokenIdTable, value: string): number {
  const padded = `..${value}.`;
  const chars = Uint16Array.from({ length: padded.length }, (_, index) => padded.charCodeAt(index));
  return table.find(chars, 2, 2 + value.length, fnv1aAppend(FNV1A_OFFSET_BASIS, value));
}

describe('TokenIdTable', () => {
  it('finds the id of each value from its code units and hash, and -1 for other values', () => {
    const table = new TokenIdTable(['the', 'cat', 'straße', '日本', '😀']);
    expect(['the', 'cat', 'straße', '日本', '😀'].map((value) => findIn(table, value))).toEqual([0, 1, 2, 3, 4]);
    expect(['dog', 'th', 'thee', '', 'Cat'].map((value) => findIn(table, value))).toEqual([-1, -1, -1, -1, -1]);
  });

  it('tells apart values whose FNV-1a hashes are equal', () => {
    expect(fnv1aAppend(FNV1A_OFFSET_BASIS, 'costarring')).toBe(fnv1aAppend(FNV1A_OFFSET_BASIS, 'liquid'));
    const table = new TokenIdTable(['costarring', 'declinate']);
    expect(findIn(table, 'costarring')).toBe(0);
    expect(findIn(table, 'liquid')).toBe(-1);
    expect(findIn(table, 'macallums')).toBe(-1);
    const both = new TokenIdTable(['liquid', 'costarring']);
    expect([findIn(both, 'liquid'), findIn(both, 'costarring')]).toEqual([0, 1]);
  });

  it('says whether the values are unique, equal hashes of different values included', () => {
    expect(new TokenIdTable(['liquid', 'costarring', 'the']).unique).toBe(true);
    expect(new TokenIdTable(['the', 'cat', 'the']).unique).toBe(false);
    expect(new TokenIdTable(['costarring', 'liquid', 'costarring']).unique).toBe(false);
    const large = Array.from({ length: 6000 }, (_, id) => `w${id}`);
    expect(new TokenIdTable(large).unique).toBe(true);
    // A frequent word (first 4,096 ids) again among the rare ones, and a rare one twice.
    expect(new TokenIdTable([...large, 'w17']).unique).toBe(false);
    expect(new TokenIdTable([...large, 'w5000']).unique).toBe(false);
  });

  it('finds frequent and rare ids of a large vocabulary alike', () => {
    const tokens = Array.from({ length: 20_000 }, (_, id) => `w${id}`);
    const table = new TokenIdTable(tokens);
    for (const id of [0, 1, 4095, 4096, 4097, 12_345, 19_999]) expect(findIn(table, `w${id}`)).toBe(id);
    expect(findIn(table, 'w20000')).toBe(-1);
    expect(findIn(new TokenIdTable([]), 'w0')).toBe(-1);
  });
});
