/** Characters of a text other than whitespace, counted in code points. */
export function countChars(text: string): number {
  const visible = text.replace(/\s+/gu, '');
  const surrogatePairs = visible.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return visible.length - surrogatePairs;
}

/** Whitespace-separated tokens of a text. */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((token) => token !== '').length;
}
