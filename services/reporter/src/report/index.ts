/*
 * The reporter's rendering core: view models built from manifests, PDF reports and CSV exports.
 * The service wiring (events, storage, routes) enters through this module.
 */
export { buildRunReportModel } from './build-run-model.js';
export { buildComparisonReportModel } from './build-comparison-model.js';
export { renderRunReport } from './render-run-report.js';
export { renderComparisonReport } from './render-comparison-report.js';
export { reportTablesZip } from './report-tables.js';
/** @public The CSV tables one by one, for a route that serves a single table. */
export { reportTables } from './report-tables.js';
/** @public The types of the functions above, so that the service wiring can name them. */
export type { CsvTable, CsvCell } from './csv.js';
/** @public See above. */
export type {
  RunReportInput,
  ComparisonReportInput,
  ModelVersionInput,
  ExampleText,
  AgreementInput,
  StudyInput,
} from './report-input.js';
/** @public See above. */
export type { RunReportModel, ComparisonReportModel, Part } from './view-model.js';
