import { comparedVersion, reportDateOf } from './build-run-model.js';
import { buildComparison } from './comparison-part.js';
import { buildConfig, buildLineage } from './lineage-parts.js';
import type { ComparisonReportInput } from './report-input.js';
import type { ComparisonReportModel } from './view-model.js';

/**
 * Builds the comparison report's view model of two versions, A (the reference) and B: changes of
 * the scores with bootstrap intervals, per-class changes, confusion changes, agreement when given,
 * and the lineage of both. Pure and deterministic.
 */
export function buildComparisonReportModel(input: ComparisonReportInput): ComparisonReportModel {
  const options = input.bootstrap ?? {};
  const a = comparedVersion(input.a, (v) => [`A (v${v})`, `A (v${v})`], options, 1);
  const b = comparedVersion(input.b, (v) => [`B (v${v})`, `B (v${v})`], options, 0);
  return {
    kind: 'comparison',
    requestedBy: input.requestedBy ?? null,
    requestedAt: input.requestedAt ?? null,
    reportDate: reportDateOf(input.reportDate, a.identity.createdAt, b.identity.createdAt),
    comparison: buildComparison(a, b, input.agreement),
    lineageA: buildLineage(a.sections),
    lineageB: buildLineage(b.sections),
    configA: buildConfig(a.sections),
    configB: buildConfig(b.sections),
  };
}
