/**
 * Combining diacritical marks of the blocks used by Latin, Greek and Cyrillic letters. Marks of
 * other scripts (Devanagari vowel signs, Arabic harakat, Hebrew points ...) carry letters'
 * meaning and stay.
 */
function isDiacritic(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}
const FINAL_SIGMA = /ς/g;
const NON_ASCII = /[\u0080-\uffff]/;

/** True when every character of `text` is ASCII, so Unicode-aware steps can be skipped. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/**
 * Full case folding, close to Unicode `CaseFolding.txt` (C + F): upper-casing first maps
 * `ß` to `SS` and ligatures to their letters, lower-casing then folds them, and the Greek final
 * sigma becomes `σ`. Locale-independent.
 */
export function caseFold(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  const folded = text.toUpperCase().toLowerCase();
  return folded.includes('ς') ? folded.replace(FINAL_SIGMA, 'σ') : folded;
}

/**
 * Removes accents from Latin, Greek and Cyrillic letters (`é` → `e`, `ё` → `е`) by decomposing,
 * dropping the combining marks and recomposing. Letters without a decomposition (`ø`, `ł`, `ß`,
 * `æ`) are kept as they are.
 */
export function stripAccents(text: string): string {
  if (isAscii(text)) return text;
  const decomposed = text.normalize('NFD');
  let kept = '';
  let runStart = 0;
  for (let i = 0; i < decomposed.length; i += 1) {
    if (!isDiacritic(decomposed.charCodeAt(i))) continue;
    kept += decomposed.slice(runStart, i);
    runStart = i + 1;
  }
  return (kept + decomposed.slice(runStart)).normalize('NFC');
}
