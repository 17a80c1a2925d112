import type { Interval } from './bootstrap.js';

/*
 * The view models of the reports: plain data, built by pure functions from manifests and the
 * caller's extras, read by the slide builders, the CSV export and (later) the dashboard. Every
 * part a manifest may lack is a `Part`: its value, or a sentence saying what is missing.
 */

/** A part of a report: available with its value, or missing with the reason shown on its slide. */
export type Part<T> =
  { readonly available: true; readonly value: T } | { readonly available: false; readonly missing: string };

/** Which model version a report is about. */
export interface ModelIdentity {
  readonly name: string;
  /** The registry's version number (not in the manifest). */
  readonly version: string;
  readonly task: string | null;
  readonly architecture: string | null;
  /** ISO timestamp of the training run's end. */
  readonly createdAt: string | null;
  readonly dataset: { readonly name: string; readonly version: number; readonly contentHash: string } | null;
  readonly labels: readonly string[];
}

/** A score with its bootstrap interval (null when the confusion matrix is missing). */
export interface ScoreWithInterval {
  readonly value: number;
  readonly interval: Interval | null;
}

/** How the intervals were computed. */
export interface BootstrapSettings {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
}

/** A (true, predicted) pair of different classes and how often it happened. */
export interface ConfusedPair {
  readonly truth: string;
  readonly predicted: string;
  readonly count: number;
  /** Share of the true class's test examples predicted as `predicted`. */
  readonly shareOfTruth: number;
}

/** The summary slide's figures. */
export interface Headline {
  readonly exampleCount: number;
  readonly accuracy: ScoreWithInterval;
  readonly macroF1: ScoreWithInterval;
  readonly bootstrap: BootstrapSettings | null;
  readonly bestClass: { readonly label: string; readonly f1: number } | null;
  readonly worstClass: { readonly label: string; readonly f1: number } | null;
  readonly topConfusion: ConfusedPair | null;
}

/** The verdict against the version in production, on macro-F1. */
export interface Verdict {
  readonly productionVersion: string;
  readonly direction: 'better' | 'worse' | 'similar';
  readonly macroF1Delta: number;
  /** Bootstrap interval of the change (null without both confusion matrices). */
  readonly interval: Interval | null;
  /** Same dataset version (content hash) for both: the test sets are comparable. */
  readonly sameTestSet: boolean | null;
}

/** Label shares in training, validation (when known) and test. */
export interface LabelDistribution {
  readonly rows: readonly {
    readonly label: string;
    readonly train: number | null;
    readonly validation: number | null;
    readonly test: number | null;
  }[];
  readonly trainExamples: number | null;
  readonly testExamples: number | null;
}

/** What the adapters and filterers did, and how the rows were split. */
export interface DataPreparation {
  readonly steps: readonly {
    readonly step: string;
    readonly rowsIn: number;
    readonly rowsOut: number;
    readonly dropped: readonly { readonly reason: string; readonly count: number }[];
  }[];
  readonly split: { readonly train: number; readonly validation: number; readonly test: number } | null;
}

/** A bin of a histogram: the values in [from, to) and their share. */
export interface ShareBin {
  readonly from: number;
  readonly to: number;
  readonly share: number;
}

/** Text lengths of the training texts (characters). */
export interface TextLengthView {
  /** Every bin with values (the CSV export's); the first one's lower end is a guess. */
  readonly bins: readonly ShareBin[];
  /**
   * The bins the chart draws: all of them, or all but the top one when that one is wider than all
   * the others together (a long tail that would squeeze the rest into a sliver of the axis).
   */
  readonly shown: readonly ShareBin[];
  /** The top bin left off the chart's axis, when there is one: its range and share. */
  readonly clipped: ShareBin | null;
  /** The chart's bars are the share of texts per `unit` characters (a power of ten). */
  readonly unit: number;
  /** About half the texts are shorter than this (interpolated within its bin, see `quantileOf`). */
  readonly median: number | null;
  /** About 90% of the texts are shorter than this. */
  readonly p90: number | null;
  readonly examples: number | null;
}

/** One line of the metrics table. */
export interface MetricRow {
  readonly name: string;
  readonly value: number;
  readonly kind: 'score' | 'loss' | 'count';
  readonly interval: Interval | null;
  readonly meaning: string;
}

/** Precision, recall, F1, support and predictions of one class. */
export interface ClassQuality {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  readonly predicted: number;
}

/** The confusions: the full matrix for few classes, the most frequent pairs for many. */
export type ConfusionView =
  | { readonly mode: 'matrix'; readonly labels: readonly string[]; readonly matrix: readonly (readonly number[])[] }
  | {
      readonly mode: 'pairs';
      readonly classCount: number;
      readonly pairs: readonly ConfusedPair[];
      /** The full matrix, for the CSV export. */
      readonly labels: readonly string[];
      readonly matrix: readonly (readonly number[])[];
    };

/** Calibration: the reliability bins and the expected calibration error. */
export interface CalibrationView {
  readonly expectedCalibrationError: number;
  readonly bins: readonly {
    readonly lower: number;
    readonly upper: number;
    readonly count: number;
    readonly accuracy: number;
    readonly meanConfidence: number;
  }[];
  /** Mean confidence against accuracy over all examples. */
  readonly tendency: 'overconfident' | 'underconfident' | 'balanced';
  readonly meanConfidence: number;
  readonly accuracy: number;
}

/** The learning curve per epoch and the epoch whose weights were kept. */
export interface LearningCurveView {
  readonly epochs: readonly {
    readonly epoch: number;
    readonly trainLoss: number;
    readonly validationLoss: number | null;
    readonly validationMacroF1: number | null;
  }[];
  readonly keptEpoch: number | null;
}

/** What the decision rules (tagger hits combined with the model) change on the test set. */
export interface RulesView {
  readonly ruleIds: readonly string[];
  readonly taggers: readonly string[];
  readonly withoutRules: { readonly accuracy: number; readonly macroF1: number };
  /** Null when the model has no rules. */
  readonly withRules: { readonly accuracy: number; readonly macroF1: number } | null;
  readonly perClass: readonly { readonly label: string; readonly without: number; readonly with: number }[];
}

/** The most frequent confusions with their most confident examples. */
export interface ErrorExamples {
  readonly pairs: readonly {
    readonly truth: string;
    readonly predicted: string;
    readonly count: number;
    readonly examples: readonly { readonly id: string; readonly confidence: number; readonly text: string | null }[];
  }[];
  /** Whether the caller gave the example texts (they are not in the manifest). */
  readonly textsAvailable: boolean;
}

/** The result of the check of the exported ONNX model against the trained one. */
export interface ParityView {
  readonly runtime: string;
  readonly rows: number;
  readonly maxAbsDifference: number;
  readonly argmaxMismatches: number;
  readonly tolerance: number;
  readonly passed: boolean;
}

/** Where a model comes from. */
export interface LineageView {
  readonly dataset: { readonly name: string; readonly version: number; readonly contentHash: string } | null;
  readonly seed: number | null;
  readonly codeVersion: string | null;
  readonly jobId: string | null;
  readonly runId: string | null;
  readonly environment: Readonly<Record<string, string>> | null;
  readonly parity: ParityView | null;
  readonly artifacts: readonly { readonly name: string; readonly sha256: string }[];
  readonly timings: Readonly<Record<string, number>> | null;
  /** What of the above the manifest lacks, in words. */
  readonly missing: readonly string[];
}

/** The resolved training config: a compact key/value table and the full JSON, line by line. */
export interface ConfigView {
  readonly rows: readonly { readonly key: string; readonly value: string }[];
  readonly json: readonly string[];
}

/** A hyper-parameter study: trials over parameters and their objective. */
export interface StudyView {
  readonly name: string;
  readonly objective: string;
  readonly direction: 'maximize' | 'minimize';
  readonly dimensions: readonly string[];
  readonly trials: readonly {
    readonly id: string;
    readonly values: Readonly<Record<string, number>>;
    readonly objective: number;
  }[];
  /** The best trials first. */
  readonly best: readonly { readonly id: string; readonly objective: number; readonly params: string }[];
  /** The study's status when rendered, and trials started in all (finished or not). */
  readonly status?: string;
  readonly totalTrials?: number;
  /** The trial that produced the reported version. */
  readonly thisTrial?: { readonly id: string; readonly rank: number; readonly objective: number | null };
  /** Parameters by share of the objective's variance, largest first. */
  readonly importances: readonly { readonly name: string; readonly share: number }[];
}

/** A score of two versions and its change with the bootstrap interval of the change. */
export interface MetricDelta {
  readonly name: string;
  readonly a: number;
  readonly b: number;
  readonly delta: number;
  readonly interval: Interval | null;
}

/** The F1 of one class in two versions. */
export interface ClassDelta {
  readonly label: string;
  readonly a: number | null;
  readonly b: number | null;
  readonly delta: number | null;
  readonly interval: Interval | null;
}

/** A confusion pair counted in both versions. */
export interface PairChange {
  readonly truth: string;
  readonly predicted: string;
  readonly a: number;
  readonly b: number;
}

/** How often two versions gave the same answer on the same test texts (given by the caller). */
export interface AgreementView {
  readonly examples: number;
  readonly same: number;
  readonly bothRight: number | null;
  readonly onlyARight: number | null;
  readonly onlyBRight: number | null;
  readonly bothWrong: number | null;
}

/** Version A (the reference: production, or the older one) against version B. */
export interface ComparisonSection {
  readonly a: ModelIdentity;
  readonly b: ModelIdentity;
  /** How the slides name them: "production (v3)" and "this version (v4)", or "A (v1)" and "B (v2)". */
  readonly aName: string;
  readonly bName: string;
  /** Short names for table headers: "v3", "A v1". */
  readonly aShort: string;
  readonly bShort: string;
  readonly sameTestSet: boolean | null;
  readonly overall: Part<readonly MetricDelta[]>;
  readonly perClass: Part<readonly ClassDelta[]>;
  readonly confusionChanges: Part<{
    readonly appeared: readonly PairChange[];
    readonly disappeared: readonly PairChange[];
    readonly changed: readonly PairChange[];
  }>;
  readonly agreement: AgreementView | null;
  readonly bootstrap: BootstrapSettings | null;
}

/** Everything the run report of one model version shows. */
export interface RunReportModel {
  readonly kind: 'run';
  readonly identity: ModelIdentity;
  readonly requestedBy: string | null;
  readonly requestedAt: string | null;
  /** ISO timestamp of the report: its PDF dates (from the run, never the clock). */
  readonly reportDate: string;
  /** Null when no other version is in production. */
  readonly verdict: Part<Verdict> | null;
  /** This version is the one in production. */
  readonly inProduction: boolean;
  readonly headline: Part<Headline>;
  readonly labelDistribution: Part<LabelDistribution>;
  readonly preparation: Part<DataPreparation>;
  readonly textLength: Part<TextLengthView>;
  readonly metrics: Part<readonly MetricRow[]>;
  readonly perClass: Part<readonly ClassQuality[]>;
  readonly confusion: Part<ConfusionView>;
  readonly calibration: Part<CalibrationView>;
  readonly learningCurve: Part<LearningCurveView>;
  readonly rules: Part<RulesView>;
  readonly errors: Part<ErrorExamples>;
  readonly comparison: ComparisonSection | null;
  readonly lineage: LineageView;
  readonly config: Part<ConfigView>;
  readonly study: Part<StudyView> | null;
}

/** Everything the comparison report of two versions shows. */
export interface ComparisonReportModel {
  readonly kind: 'comparison';
  readonly requestedBy: string | null;
  readonly requestedAt: string | null;
  readonly reportDate: string;
  readonly comparison: ComparisonSection;
  readonly lineageA: LineageView;
  readonly lineageB: LineageView;
  readonly configA: Part<ConfigView>;
  readonly configB: Part<ConfigView>;
}
