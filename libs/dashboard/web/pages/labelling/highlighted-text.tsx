import { highlightSegments, type Hit } from './highlight.js';

/** A document's text with the taggers' hits marked (`<mark>`, the tagger named in its title for hover and screen readers). */
export function HighlightedText({ text, hits }: { readonly text: string; readonly hits: readonly Hit[] }) {
  return (
    <div class="lab-text" tabIndex={0} aria-label="Document text">
      {highlightSegments(text, hits).map((segment, index) =>
        segment.tagger ? (
          <mark key={index} class={`hit hit-${segment.tagger}`} title={segment.tagger} data-tagger={segment.tagger}>
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </div>
  );
}
