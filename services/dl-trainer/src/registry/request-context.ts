import { parseOrThrow, positionAfter } from '@mlops/http';
import { z } from 'zod';

/** The number a cursor of a list ordered by a number (version, sequence) stopped at; a foreign cursor is a 400. */
export function numberAfter(cursor: string | undefined): number | undefined {
  const position = positionAfter(cursor);
  return position ? parseOrThrow(z.coerce.number().int().min(1), position.id, '/querystring/cursor') : undefined;
}

/** The cursor position of an item of such a list. */
export function numberPosition(at: Date, value: number): { createdAt: Date; id: string } {
  return { createdAt: at, id: String(value) };
}
