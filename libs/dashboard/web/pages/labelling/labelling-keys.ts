/** What a key press asks of the labelling page. */
export type LabellingCommand =
  | { readonly kind: 'pick'; readonly index: number }
  | { readonly kind: 'next' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'undo' };

/** The parts of a keyboard event the labelling page reads. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/**
 * The command of a key: 1..9 pick the label of that number (when there are that many), Enter
 * and → go to the next document, s skips, u undoes the last label. Undefined for anything else,
 * and for keys pressed with Ctrl, ⌘ or Alt (the browser's shortcuts).
 */
export function labellingCommand(press: KeyPress, labelCount: number): LabellingCommand | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (/^[1-9]$/.test(press.key)) {
    const index = Number(press.key) - 1;
    return index < labelCount ? { kind: 'pick', index } : undefined;
  }
  switch (press.key) {
    case 'Enter':
    case 'ArrowRight':
      return { kind: 'next' };
    case 's':
    case 'S':
      return { kind: 'skip' };
    case 'u':
    case 'U':
      return { kind: 'undo' };
    default:
      return undefined;
  }
}
