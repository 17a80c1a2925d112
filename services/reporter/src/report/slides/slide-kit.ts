import type { SlideDeck, SlideHeading } from '../../render/deck.js';
import type { Box } from '../../render/layout.js';
import type { Part } from '../view-model.js';

/**
 * The height of a bar chart of `bars` categories in a box: the box's, or less for few categories
 * (so that a bar never gets thicker than about 30 points).
 */
export function barsHeight(available: number, bars: number): number {
  return Math.min(available, 90 + bars * 48);
}

/**
 * Adds a slide for a part of the report: when available, its headline (from the value) and its
 * content drawn by `draw`; when missing, a note saying what is missing and why.
 */
export async function partSlide<T>(
  deck: SlideDeck,
  heading: Omit<SlideHeading, 'headline'>,
  part: Part<T>,
  headline: (value: T) => string,
  draw: (box: Box, value: T) => Promise<void> | void,
): Promise<void> {
  if (!part.available) {
    const box = deck.addSlide(heading);
    deck.note(box, part.missing);
    return;
  }
  const box = deck.addSlide({ ...heading, headline: headline(part.value) });
  await draw(box, part.value);
}
