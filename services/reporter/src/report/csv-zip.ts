import { strToU8, zipSync, type Zippable } from 'fflate';
import { toCsv, type CsvTable } from './csv.js';

/**
 * The file time of every zip entry: noon (UTC) of the report's date. fflate writes DOS times from
 * the Date's local fields, so the Date is built from the UTC fields: the same bytes in every time
 * zone (noon is never skipped by a daylight-saving change).
 */
function entryTime(reportDate: string): Date {
  const date = new Date(reportDate);
  const valid = Number.isNaN(date.getTime()) ? new Date(0) : date;
  const year = Math.max(1980, valid.getUTCFullYear());
  return new Date(year, valid.getUTCMonth(), valid.getUTCDate(), 12, 0, 0);
}

/**
 * The CSV tables as one deterministic zip: entries sorted by name, fixed times (from the report
 * date), fixed compression level, no comment. The same tables give the same bytes.
 */
export function zipTables(tables: readonly CsvTable[], reportDate: string): Uint8Array {
  const mtime = entryTime(reportDate);
  const entries: Zippable = {};
  for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    entries[`${table.name}.csv`] = [strToU8(toCsv(table)), { level: 6, mtime }];
  }
  return zipSync(entries, { level: 6, mtime });
}
