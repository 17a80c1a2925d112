/** Lower-cased words (letters and digits) of a text, after NFKC (so ligatures like "ﬁ" become "fi"). */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Share of the reference's words found in the candidate, counting each word as often as it
 * occurs (bag-of-words recall): 1 when every reference word is there.
 */
export function wordRecall(candidate: string, reference: string): number {
  const available = new Map<string, number>();
  for (const word of words(candidate)) available.set(word, (available.get(word) ?? 0) + 1);
  const expected = words(reference);
  let found = 0;
  for (const word of expected) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      found += 1;
      available.set(word, left - 1);
    }
  }
  return expected.length === 0 ? 1 : found / expected.length;
}
