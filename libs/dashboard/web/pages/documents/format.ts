/** A date and time in the reader's locale. */
export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** A byte count with its unit (1.2 MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
