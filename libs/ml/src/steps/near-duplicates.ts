import { countDrop, type DatasetRow, type StepResult } from './dataset-row.js';

const PERMUTATIONS = 64;
const BANDS = 16;
const ROWS_PER_BAND = PERMUTATIONS / BANDS;
const PRIME = 4294967311; // the first prime above 2^32
const SHINGLE_WORDS = 3;

/** Seeded, deterministic coefficients of the MinHash permutations (a·x + b mod PRIME). */
const COEFFICIENTS: readonly (readonly [number, number])[] = (() => {
  let state = 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % (PRIME - 1);
  };
  return Array.from({ length: PERMUTATIONS }, () => [next() + 1, next()] as const);
})();

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function shingles(text: string): Set<number> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const result = new Set<number>();
  if (words.length < SHINGLE_WORDS) {
    if (words.length > 0) result.add(fnv1a(words.join(' ')));
    return result;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1)
    result.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return result;
}

/** (a·x + b) mod PRIME without losing precision above 2^53. */
function permute(x: number, a: number, b: number): number {
  return Number((BigInt(a) * BigInt(x) + BigInt(b)) % BigInt(PRIME));
}

/** The MinHash signature of a text's word 3-shingles. */
export function minHashSignature(text: string): Uint32Array {
  const signature = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    for (let p = 0; p < PERMUTATIONS; p += 1) {
      const [a, b] = COEFFICIENTS[p] ?? [1, 0];
      const value = permute(shingle, a, b);
      if (value < (signature[p] ?? 0xffffffff)) signature[p] = value;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of two signatures: the share of equal positions. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < PERMUTATIONS; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / PERMUTATIONS;
}

/**
 * Drops rows whose text is a near duplicate (estimated Jaccard of word 3-shingles at or above
 * `threshold`) of an earlier kept row, finding candidates with locality-sensitive hashing
 * (16 bands of 4 rows) instead of comparing every pair.
 */
export function dropNearDuplicates<Row extends DatasetRow>(rows: readonly Row[], threshold: number): StepResult<Row> {
  const kept: Row[] = [];
  const keptSignatures: Uint32Array[] = [];
  const buckets = new Map<string, number[]>();
  const dropped: Record<string, number> = {};
  for (const row of rows) {
    const signature = minHashSignature(row.text);
    const keys: string[] = [];
    for (let band = 0; band < BANDS; band += 1) {
      keys.push(
        `${band}:${Array.from(signature.subarray(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND)).join(',')}`,
      );
    }
    const candidates = new Set(keys.flatMap((key) => buckets.get(key) ?? []));
    const duplicateOf = [...candidates].find((index) => {
      const other = keptSignatures[index];
      return other !== undefined && estimatedJaccard(signature, other) >= threshold;
    });
    if (duplicateOf !== undefined) {
      countDrop(dropped, 'near_duplicate');
      continue;
    }
    const index = kept.length;
    kept.push(row);
    keptSignatures.push(signature);
    for (const key of keys) buckets.set(key, [...(buckets.get(key) ?? []), index]);
  }
  return { rows: kept, dropped };
}
