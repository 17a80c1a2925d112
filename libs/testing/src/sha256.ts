import { createHash } from 'node:crypto';

/** The sha256 of bytes or a text, in lowercase hex. */
export function sha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}
