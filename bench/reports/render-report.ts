/**
 * Renders one report in a fresh process for the reports benchmark, so that its peak RSS is the
 * render's: imports the reporter's rendering core, reads the case (manifests and texts as JSON),
 * builds the view model, renders the PDF and the CSV tables zip, and writes the PDF and the
 * timings of each stage (JSON). With `--import-only` instead of a case, it stops after the import:
 * the baseline RSS of a process that can render.
 *
 *   tsx render-report.ts <case.json | --import-only> <out.pdf> <stats.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { RenderCase, RenderStats } from './cases.js';

const [caseFile, pdfFile, statsFile] = process.argv.slice(2);
if (!caseFile || !pdfFile || !statsFile)
  throw new Error('usage: render-report <case.json | --import-only> <out.pdf> <stats.json>');

const seconds = (from: number): number => (performance.now() - from) / 1000;

let started = performance.now();
const report = await import('../../services/reporter/src/report/index.js');
const importSeconds = seconds(started);
if (caseFile === '--import-only') {
  const baseline: Pick<RenderStats, 'importSeconds' | 'maxRssBytes'> = {
    importSeconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  writeFileSync(statsFile, JSON.stringify(baseline));
  process.exit(0);
}

started = performance.now();
const job = JSON.parse(readFileSync(caseFile, 'utf8')) as RenderCase;
const loadSeconds = seconds(started);

started = performance.now();
const model =
  job.kind === 'run' ? report.buildRunReportModel(job.run) : report.buildComparisonReportModel(job.comparison);
const buildSeconds = seconds(started);

started = performance.now();
const pdf = model.kind === 'run' ? await report.renderRunReport(model) : await report.renderComparisonReport(model);
const renderSeconds = seconds(started);

started = performance.now();
const zip = report.reportTablesZip(model);
const zipSeconds = seconds(started);

writeFileSync(pdfFile, pdf);
const stats: RenderStats = {
  importSeconds,
  loadSeconds,
  buildSeconds,
  renderSeconds,
  zipSeconds,
  pdfBytes: pdf.length,
  zipBytes: zip.length,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
writeFileSync(statsFile, JSON.stringify(stats));
