const PDF_DATE = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/;

/**
 * Parses a PDF date string (`D:YYYYMMDDHHmmSSOHH'mm'`, ISO 32000 7.9.4; every part after the
 * year optional) into ISO 8601 UTC. Returns null for anything else.
 */
export function parsePdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = PDF_DATE.exec(value.trim());
  if (!match) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', sign, offH = '00', offM = '00'] =
    match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offsetMinutes = (sign === '+' ? 1 : sign === '-' ? -1 : 0) * (Number(offH) * 60 + Number(offM));
  const date = new Date(utc - offsetMinutes * 60_000);
  if (Number.isNaN(date.getTime()) || Number(month) > 12 || Number(day) > 31) return null;
  return date.toISOString();
}
