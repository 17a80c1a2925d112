import { httpErrors } from './errors/common-errors.js';

/** Position of the last item of a page, encoded opaquely for the client. */
export interface ListCursor {
  readonly createdAt: Date;
  readonly id: string;
}

/** Encodes a list position (creation time and id of the last item) as an opaque URL-safe cursor. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Decodes a cursor; undefined when it was not made by `encodeCursor`. */
export function decodeCursor(raw: string): ListCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string') return undefined;
    const date = new Date(createdAt);
    return Number.isNaN(date.getTime()) ? undefined : { createdAt: date, id };
  } catch {
    return undefined;
  }
}

/** Reads the `cursor` query value; a cursor this API did not issue is a 400 naming `/querystring/cursor`. */
export function positionAfter(cursor: string | undefined): ListCursor | undefined {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (!position) {
    throw httpErrors.badCursor('the cursor was not issued by this API', [
      { pointer: '/querystring/cursor', message: 'invalid cursor' },
    ]);
  }
  return position;
}

/** Cuts a fetch of `limit + 1` items into a page, with the cursor of the next page when there is one. */
export function toPage<T, V>(
  fetched: readonly T[],
  limit: number,
  view: (item: T) => V,
  positionOf: (item: T) => ListCursor,
): { items: V[]; nextCursor?: string } {
  const items = fetched.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(view),
    ...(fetched.length > limit && last !== undefined ? { nextCursor: encodeCursor(positionOf(last)) } : {}),
  };
}
