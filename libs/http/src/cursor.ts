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
