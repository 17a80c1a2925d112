import type { BootstrapOptions } from './bootstrap.js';

/** A registered model version: its manifest (parsed JSON, any format version) and number. */
export interface ModelVersionInput {
  readonly manifest: unknown;
  readonly version: string | number;
}

/** A test example's text, from the dataset (manifests hold only ids). */
export interface ExampleText {
  readonly id: string;
  readonly text: string;
}

/** How often two versions agreed on the same test texts (computed by the caller from predictions). */
export interface AgreementInput {
  readonly examples: number;
  readonly same: number;
  readonly bothRight?: number;
  readonly onlyARight?: number;
  readonly onlyBRight?: number;
  readonly bothWrong?: number;
}

/** A hyper-parameter study, when the run came from one. */
export interface StudyInput {
  readonly name: string;
  readonly objective: string;
  readonly direction: 'maximize' | 'minimize';
  readonly trials: readonly {
    readonly id: string;
    readonly params: Readonly<Record<string, number | string | boolean>>;
    /** Null for a trial that failed or was pruned. */
    readonly value: number | null;
  }[];
  /** The study's status when the report was rendered (`running`, `completed` ...). */
  readonly status?: string;
  /** Trials started in all, finished or not. */
  readonly totalTrials?: number;
  /** The trial whose training job produced the reported version. */
  readonly thisTrial?: string;
  /** Share of the objective's variance per parameter (sums to 1). */
  readonly importances?: Readonly<Record<string, number>>;
}

/** Who asked for a report, when, and what else the caller knows besides the manifests. */
export interface ReportContext {
  readonly requestedBy?: string;
  /** ISO timestamp of the request. */
  readonly requestedAt?: string;
  /** ISO timestamp the PDF is dated with; default the (newest) model's `createdAt`. */
  readonly reportDate?: string;
  readonly examples?: readonly ExampleText[];
  readonly agreement?: AgreementInput;
  readonly bootstrap?: BootstrapOptions;
}

/** What the run report of one version is built from. */
export interface RunReportInput extends ReportContext {
  readonly model: ModelVersionInput;
  /** The version in production, to compare with (absent when none is, or when it is this version). */
  readonly production?: ModelVersionInput;
  /** This version is the one in production now (there is then nothing to compare it with). */
  readonly inProduction?: boolean;
  /** Validation examples per label, when the caller knows them (manifests hold only train shares). */
  readonly validationLabelCounts?: Readonly<Record<string, number>>;
  /** Checksums of the model folder's files (`manifest.json`, `model.onnx`) from the registry. */
  readonly artifacts?: readonly { readonly name: string; readonly sha256: string }[];
  readonly study?: StudyInput;
}

/** What the comparison report of two versions is built from: A is the reference, B the other. */
export interface ComparisonReportInput extends ReportContext {
  readonly a: ModelVersionInput;
  readonly b: ModelVersionInput;
}
