/** A cell of a CSV table: text, number, or empty. */
export type CsvCell = string | number | null;

/** A CSV file of the export: its name and its rows, the header first. */
export interface CsvTable {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // A text cell starting like a formula is prefixed with a quote, so a spreadsheet shows it as text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A table as CSV text (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks
 * quoted), numbers written in full precision, text cells that look like formulas defused.
 */
export function toCsv(table: CsvTable): string {
  return [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
