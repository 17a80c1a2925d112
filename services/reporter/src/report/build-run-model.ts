import { bootstrapConfusion, type BootstrapOptions, type BootstrapSamples } from './bootstrap.js';
import { buildComparison, verdictOf, type ComparedVersion } from './comparison-part.js';
import { buildLabelDistribution, buildPreparation, buildTextLength } from './data-parts.js';
import { buildErrors } from './errors-part.js';
import { buildHeadline } from './headline.js';
import { identityOf } from './identity.js';
import { buildConfig, buildLineage } from './lineage-parts.js';
import { readManifestSections, type ManifestSections } from './manifest-sections.js';
import {
  buildCalibration,
  buildConfusion,
  buildLearningCurve,
  buildMetricRows,
  buildPerClass,
  buildRules,
} from './performance-parts.js';
import type { ModelVersionInput, RunReportInput } from './report-input.js';
import { buildStudy } from './study-part.js';
import type { RunReportModel } from './view-model.js';

/** The seeded bootstrap of a version's test confusion matrix, or undefined without one. */
export function samplesOf(sections: ManifestSections, options: BootstrapOptions = {}): BootstrapSamples | undefined {
  const matrix = sections.test?.confusionMatrix;
  return matrix ? bootstrapConfusion(matrix, options) : undefined;
}

/** A version to compare: its sections, identity, bootstrap (seed offset: independent resamples) and name. */
export function comparedVersion(
  input: ModelVersionInput,
  names: (version: string) => readonly [name: string, short: string],
  options: BootstrapOptions,
  seedOffset: number,
): ComparedVersion {
  const sections = readManifestSections(input.manifest);
  const identity = identityOf(sections, input.version);
  const samples = samplesOf(sections, { ...options, seed: (options.seed ?? 1) + seedOffset });
  const [name, short] = names(identity.version);
  return { sections, identity, samples, name, short };
}

/** The report date: the caller's, else the newest `createdAt`, else the Unix epoch (never the clock). */
export function reportDateOf(explicit: string | undefined, ...createdAt: (string | null)[]): string {
  if (explicit && !Number.isNaN(new Date(explicit).getTime())) return new Date(explicit).toISOString();
  const dates = createdAt.filter((d): d is string => d !== null && !Number.isNaN(new Date(d).getTime()));
  const newest = dates.map((d) => new Date(d).getTime()).reduce((max, t) => Math.max(max, t), 0);
  return new Date(newest).toISOString();
}

/**
 * Builds the run report's view model of a trained version from its manifest (any format version:
 * missing sections become missing parts), with the version in production to compare with, the
 * test texts, the requester and the dates. Pure and deterministic (seeded bootstrap).
 */
export function buildRunReportModel(input: RunReportInput): RunReportModel {
  const options = input.bootstrap ?? {};
  const current = comparedVersion(input.model, (v) => [`this version (v${v})`, `v${v} (this)`], options, 0);
  const production = input.production
    ? comparedVersion(input.production, (v) => [`production (v${v})`, `v${v} (prod.)`], options, 1)
    : undefined;
  const { sections, samples, identity } = current;
  const comparison = production ? buildComparison(production, current, input.agreement) : null;
  return {
    kind: 'run',
    identity,
    requestedBy: input.requestedBy ?? null,
    requestedAt: input.requestedAt ?? null,
    reportDate: reportDateOf(input.reportDate, identity.createdAt),
    verdict: comparison ? verdictOf(comparison) : null,
    inProduction: input.inProduction === true,
    headline: buildHeadline(sections.test, samples),
    labelDistribution: buildLabelDistribution(sections, input.validationLabelCounts),
    preparation: buildPreparation(sections),
    textLength: buildTextLength(sections),
    metrics: buildMetricRows(sections.test, samples),
    perClass: buildPerClass(sections.test),
    confusion: buildConfusion(sections.test),
    calibration: buildCalibration(sections.test),
    learningCurve: buildLearningCurve(sections),
    rules: buildRules(sections),
    errors: buildErrors(sections.test, input.examples),
    comparison,
    lineage: buildLineage(sections, input.artifacts),
    config: buildConfig(sections),
    study: buildStudy(input.study),
  };
}
