import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../web/pages/labelling/highlight.js';
import { labelsParam, offeredLabels } from '../web/pages/labelling/label-set.js';
import { labellingCommand } from '../web/pages/labelling/labelling-keys.js';

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('labelling page logic', () => {
  it('cuts a text into plain runs and hits, leaving out overlapping and out-of-range hits', () => {
    const text = 'mail bob@example.com or see https://example.com/x now';
    const email = { tagger: 'email', start: 5, end: 20 };
    const url = { tagger: 'url', start: 28, end: 49 };
    const inside = { tagger: 'domain', start: 9, end: 20 };
    const segments = highlightSegments(text, [url, inside, email, { tagger: 'bad', start: 50, end: 99 }]);
    expect(segments).toEqual([
      { text: 'mail ' },
      { text: 'bob@example.com', tagger: 'email' },
      { text: ' or see ' },
      { text: 'https://example.com/x', tagger: 'url' },
      { text: ' now' },
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(highlightSegments('', [])).toEqual([]);
    expect(highlightSegments('abc', [{ tagger: 'x', start: 0, end: 3 }])).toEqual([{ text: 'abc', tagger: 'x' }]);
  });

  it('maps keys to commands: numbers within the labels, Enter and → next, s skip, u undo, none with modifiers', () => {
    expect(labellingCommand(press('1'), 3)).toEqual({ kind: 'pick', index: 0 });
    expect(labellingCommand(press('3'), 3)).toEqual({ kind: 'pick', index: 2 });
    expect(labellingCommand(press('4'), 3)).toBeUndefined();
    expect(labellingCommand(press('0'), 3)).toBeUndefined();
    expect(labellingCommand(press('Enter'), 0)).toEqual({ kind: 'next' });
    expect(labellingCommand(press('ArrowRight'), 0)).toEqual({ kind: 'next' });
    expect(labellingCommand(press('s'), 2)).toEqual({ kind: 'skip' });
    expect(labellingCommand(press('U'), 2)).toEqual({ kind: 'undo' });
    expect(labellingCommand(press('1', { ctrlKey: true }), 3)).toBeUndefined();
    expect(labellingCommand(press('r', { metaKey: true }), 3)).toBeUndefined();
    expect(labellingCommand(press('x'), 3)).toBeUndefined();
  });

  it('offers the URL labels in their order, else the counted and suggested labels sorted', () => {
    expect(labelsParam(' spam, ham ,,spam ')).toEqual(['spam', 'ham', 'spam']);
    expect(offeredLabels(['spam', 'ham', 'spam'], undefined)).toEqual(['spam', 'ham']);
    const queue = {
      progress: { labelled: 2, remaining: 1, perLabel: [{ label: 'travel', count: 2 }] },
      items: [
        {
          id: '00000000-0000-4000-8000-000000000000',
          createdAt: '2026-01-01T00:00:00.000Z',
          text: 't',
          textLength: 1,
          truncated: false,
          hits: [],
          suggestion: {
            label: 'health',
            confidence: 0.6,
            probabilities: [
              { label: 'health', p: 0.6 },
              { label: 'finance', p: 0.3 },
            ],
          },
        },
      ],
    };
    expect(offeredLabels([], queue)).toEqual(['finance', 'health', 'travel']);
  });
});
