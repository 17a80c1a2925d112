import type { CsvCell, CsvTable } from './csv.js';
import { zipTables } from './csv-zip.js';
import { lineageRows } from './slides/lineage-slides.js';
import type { ComparisonReportModel, ComparisonSection, ConfusionView, Part, RunReportModel } from './view-model.js';

function when<T>(part: Part<T> | null, tables: (value: T) => CsvTable[]): CsvTable[] {
  return part?.available ? tables(part.value) : [];
}

function matrixTable(view: ConfusionView): CsvTable {
  return {
    name: 'confusion_matrix',
    header: ['true \\ predicted', ...view.labels],
    rows: view.labels.map((label, index) => [label, ...(view.matrix[index] ?? [])]),
  };
}

function comparisonTables(comparison: ComparisonSection): CsvTable[] {
  return [
    ...when(comparison.overall, (rows) => [
      {
        name: 'comparison_overall',
        header: ['metric', 'a', 'b', 'delta', 'delta_ci_low', 'delta_ci_high'],
        rows: rows.map((r) => [r.name, r.a, r.b, r.delta, r.interval?.low ?? null, r.interval?.high ?? null]),
      },
    ]),
    ...when(comparison.perClass, (rows) => [
      {
        name: 'comparison_per_class',
        header: ['label', 'f1_a', 'f1_b', 'delta', 'delta_ci_low', 'delta_ci_high'],
        rows: rows.map((r) => [r.label, r.a, r.b, r.delta, r.interval?.low ?? null, r.interval?.high ?? null]),
      },
    ]),
    ...when(comparison.confusionChanges, (changes) => [
      {
        name: 'comparison_confusions',
        header: ['change', 'truth', 'predicted', 'count_a', 'count_b'],
        rows: [
          ...changes.appeared.map((c) => ['appeared', c.truth, c.predicted, c.a, c.b]),
          ...changes.disappeared.map((c) => ['disappeared', c.truth, c.predicted, c.a, c.b]),
          ...changes.changed.map((c) => ['changed', c.truth, c.predicted, c.a, c.b]),
        ],
      },
    ]),
  ];
}

function runTables(model: RunReportModel): CsvTable[] {
  return [
    ...when(model.metrics, (rows) => [
      {
        name: 'metrics',
        header: ['metric', 'value', 'ci_low', 'ci_high', 'meaning'],
        rows: rows.map((r) => [r.name, r.value, r.interval?.low ?? null, r.interval?.high ?? null, r.meaning]),
      },
    ]),
    ...when(model.perClass, (rows) => [
      {
        name: 'per_class',
        header: ['label', 'precision', 'recall', 'f1', 'support', 'predicted'],
        rows: rows.map((r) => [r.label, r.precision, r.recall, r.f1, r.support, r.predicted]),
      },
    ]),
    ...when(model.confusion, (view) => [matrixTable(view)]),
    ...when(model.labelDistribution, (view) => [
      {
        name: 'label_distribution',
        header: ['label', 'train_share', 'validation_share', 'test_share'],
        rows: view.rows.map((r) => [r.label, r.train, r.validation, r.test]),
      },
    ]),
    ...when(model.preparation, (view) => [
      {
        name: 'preparation_steps',
        header: ['step', 'rows_in', 'rows_out', 'reason', 'dropped'],
        rows: view.steps.flatMap((step): CsvCell[][] =>
          step.dropped.length === 0
            ? [[step.step, step.rowsIn, step.rowsOut, null, 0]]
            : step.dropped.map((d) => [step.step, step.rowsIn, step.rowsOut, d.reason, d.count]),
        ),
      },
    ]),
    ...when(model.textLength, (view) => [
      { name: 'text_length', header: ['from', 'to', 'share'], rows: view.bins.map((b) => [b.from, b.to, b.share]) },
    ]),
    ...when(model.calibration, (view) => [
      {
        name: 'calibration',
        header: ['lower', 'upper', 'count', 'mean_confidence', 'accuracy'],
        rows: view.bins.map((b) => [b.lower, b.upper, b.count, b.meanConfidence, b.accuracy]),
      },
    ]),
    ...when(model.learningCurve, (view) => [
      {
        name: 'learning_curve',
        header: ['epoch', 'train_loss', 'validation_loss', 'validation_macro_f1'],
        rows: view.epochs.map((e) => [e.epoch, e.trainLoss, e.validationLoss, e.validationMacroF1]),
      },
    ]),
    ...when(model.errors, (view) => [
      {
        name: 'worst_confusions',
        header: ['truth', 'predicted', 'count', 'example_id', 'confidence', 'text'],
        rows: view.pairs.flatMap((pair) =>
          pair.examples.map((e) => [pair.truth, pair.predicted, pair.count, e.id, e.confidence, e.text]),
        ),
      },
    ]),
    ...(model.comparison ? comparisonTables(model.comparison) : []),
    { name: 'lineage', header: ['item', 'value'], rows: lineageRows(model.lineage).map((r) => [r.key, r.value]) },
    ...when(model.config, (view) => [
      { name: 'config', header: ['setting', 'value'], rows: view.rows.map((r) => [r.key, r.value]) },
    ]),
    ...when(model.study, (view) => [
      {
        name: 'study_trials',
        header: ['trial', view.objective, ...view.dimensions],
        rows: view.trials.map((t) => [t.id, t.objective, ...view.dimensions.map((d) => t.values[d] ?? null)]),
      },
    ]),
  ];
}

function comparisonReportTables(model: ComparisonReportModel): CsvTable[] {
  const [a, b] = [lineageRows(model.lineageA), lineageRows(model.lineageB)];
  return [
    ...comparisonTables(model.comparison),
    {
      name: 'lineage',
      header: ['item', 'a', 'b'],
      rows: a.map((row, index) => [row.key, row.value, b[index]?.value ?? null]),
    },
  ];
}

/** The tables of a report, one per CSV file: what its slides show, in full and unrounded. */
export function reportTables(model: RunReportModel | ComparisonReportModel): CsvTable[] {
  return model.kind === 'run' ? runTables(model) : comparisonReportTables(model);
}

/** The tables of a report as one deterministic zip of CSV files (see `zipTables`). */
export function reportTablesZip(model: RunReportModel | ComparisonReportModel): Uint8Array {
  return zipTables(reportTables(model), model.reportDate);
}
