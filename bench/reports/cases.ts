/** The reports the benchmark renders, built from the trained versions, and what a render measures. */
import type { ComparisonReportInput, RunReportInput } from '../../services/reporter/src/report/index.js';
import type { TrainedVersion, VersionSpec } from './versions.js';

/** One report to render: a run report or a comparison report, with its input as the service would pass it. */
export type RenderCase =
  | { readonly name: string; readonly kind: 'run'; readonly run: RunReportInput }
  | { readonly name: string; readonly kind: 'comparison'; readonly comparison: ComparisonReportInput };

/** What `render-report.ts` measured in its process. */
export interface RenderStats {
  /** Importing the reporter's rendering core (pdfkit, vega, fonts), seconds. */
  readonly importSeconds: number;
  /** Reading and parsing the case's JSON (the manifests), seconds. */
  readonly loadSeconds: number;
  readonly buildSeconds: number;
  readonly renderSeconds: number;
  readonly zipSeconds: number;
  readonly pdfBytes: number;
  readonly zipBytes: number;
  /** `process.resourceUsage().maxRSS` at the end, bytes. */
  readonly maxRssBytes: number;
}

/** A trained version with the spec it was trained from. */
export interface Version {
  readonly spec: VersionSpec;
  readonly trained: TrainedVersion;
}

const context = { requestedBy: 'bench@example.com', requestedAt: '2026-11-25T12:00:00Z' } as const;
const model = (version: Version) => ({ manifest: version.trained.manifest, version: version.spec.version });
const examples = (...versions: Version[]) => {
  const byId = new Map(versions.flatMap((version) => version.trained.examples.map((e) => [e.id, e] as const)));
  return [...byId.values()];
};

/**
 * The four cases: the 2-class run report, the 26-class run report alone and against the version
 * in production (the other WordNet version), and the comparison report of the two WordNet versions.
 * Example texts are those the manifests name (the errors slide's), as the service would look them up.
 */
export function renderCases(spam: Version, wordnetProduction: Version, wordnet: Version): RenderCase[] {
  return [
    {
      name: 'spamassassin-run',
      kind: 'run',
      run: { ...context, model: model(spam), examples: examples(spam) },
    },
    {
      name: 'wordnet-run',
      kind: 'run',
      run: { ...context, model: model(wordnet), examples: examples(wordnet) },
    },
    {
      name: 'wordnet-run-vs-production',
      kind: 'run',
      run: {
        ...context,
        model: model(wordnet),
        production: model(wordnetProduction),
        examples: examples(wordnet, wordnetProduction),
      },
    },
    {
      name: 'wordnet-comparison',
      kind: 'comparison',
      comparison: {
        ...context,
        a: model(wordnetProduction),
        b: model(wordnet),
        examples: examples(wordnet, wordnetProduction),
      },
    },
  ];
}
