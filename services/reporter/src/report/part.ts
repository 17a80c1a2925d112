import type { Part } from './view-model.js';

/** An available part. */
export function available<T>(value: T): Part<T> {
  return { available: true, value };
}

/** A missing part with the sentence its slide shows. */
export function missing<T>(reason: string): Part<T> {
  return { available: false, missing: reason };
}

/** The value of a part, or undefined when it is missing. */
export function valueOf<T>(part: Part<T> | null): T | undefined {
  return part?.available ? part.value : undefined;
}

/** "This version's manifest has no …": the usual reason of a missing part. */
export function notInManifest(what: string): string {
  return `This version's manifest has no ${what} (an older manifest format, or a run that did not record it), so this slide cannot show it.`;
}
