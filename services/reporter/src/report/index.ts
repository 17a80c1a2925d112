/*
 * The reporter's rendering core: view models built from manifests, PDF reports and CSV exports.
 * The service wiring (events, storage, routes) uses these entry points.
 */
export { buildRunReportModel } from './build-run-model.js';
export { buildComparisonReportModel } from './build-comparison-model.js';
export { renderRunReport } from './render-run-report.js';
export { renderComparisonReport } from './render-comparison-report.js';
export { reportTables, reportTablesZip } from './report-tables.js';
export { toCsv, type CsvTable, type CsvCell } from './csv.js';
export type {
  RunReportInput,
  ComparisonReportInput,
  ModelVersionInput,
  ExampleText,
  AgreementInput,
  StudyInput,
} from './report-input.js';
export type { RunReportModel, ComparisonReportModel, Part } from './view-model.js';
