/** Characters kept in a download's file name; any other run becomes one `-`. */
const UNSAFE = /[^A-Za-z0-9._-]+/g;

/**
 * A safe file name for `Content-Disposition`: letters, digits, `.`, `_` and `-` only, no leading
 * dot or dash, at most 120 characters before the extension, `report` when nothing is left.
 */
export function downloadName(stem: string, extension: string): string {
  const cleaned = stem
    .replace(UNSAFE, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '')
    .slice(0, 120)
    .replace(/[.-]+$/, '');
  return `${cleaned || 'report'}.${extension.replace(UNSAFE, '')}`;
}

/** The file name of a version's run report: `<model>-v<version>-report.pdf`. */
export function runReportName(model: string, version: number): string {
  return downloadName(`${model}-v${version}-report`, 'pdf');
}

/** The file name of a version's report tables: `<model>-v<version>-tables.zip`. */
export function tablesName(model: string, version: number): string {
  return downloadName(`${model}-v${version}-tables`, 'zip');
}

/** The file name of a comparison: `<model>-v<b>-vs-v<a>.pdf`. */
export function comparisonName(model: string, a: number, b: number): string {
  return downloadName(`${model}-v${b}-vs-v${a}`, 'pdf');
}
