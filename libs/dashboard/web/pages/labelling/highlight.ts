/** A tagger hit in a text: UTF-16 offsets, end exclusive. */
export interface Hit {
  readonly tagger: string;
  readonly start: number;
  readonly end: number;
}

/** A run of text, marked with the tagger that found it when it is a hit. */
export interface Segment {
  readonly text: string;
  readonly tagger?: string;
}

/**
 * Cuts a text into plain runs and hits to highlight. Hits outside the text or overlapping an
 * earlier one (taggers may overlap) are left out; at one start, the longer hit wins.
 */
export function highlightSegments(text: string, hits: readonly Hit[]): Segment[] {
  const ordered = hits
    .filter((hit) => hit.start >= 0 && hit.end > hit.start && hit.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let position = 0;
  for (const hit of ordered) {
    if (hit.start < position) continue;
    if (hit.start > position) segments.push({ text: text.slice(position, hit.start) });
    segments.push({ text: text.slice(hit.start, hit.end), tagger: hit.tagger });
    position = hit.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position) });
  return segments;
}
