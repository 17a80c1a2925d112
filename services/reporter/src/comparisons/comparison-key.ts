import { createHash } from 'node:crypto';

/**
 * Bumped when the comparison report's content changes for the same two folders (a new slide, a
 * fixed figure), so that comparisons cached by an older reporter are rendered again.
 */
const COMPARISON_LAYOUT = 1;

/**
 * The cache key of the comparison of version B against reference A: the sha256 of the two
 * folder checksums in that order (A then B; the reverse comparison is another report) and the
 * layout generation. Equal folders give equal keys, whatever their version numbers or models.
 */
export function comparisonKey(aFolderChecksum: string, bFolderChecksum: string): string {
  return createHash('sha256')
    .update(`comparison/${COMPARISON_LAYOUT}\n${aFolderChecksum}\n${bFolderChecksum}\n`)
    .digest('hex');
}
