import { evaluate } from '@mlops/ml';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './bootstrap.js';
import { buildComparisonReportModel } from './build-comparison-model.js';
import { buildRunReportModel } from './build-run-model.js';
import { readManifestSections } from './manifest-sections.js';
import { reportTables } from './report-tables.js';
import { verdictLine } from './sentences.js';

/** A manifest-shaped object around a real libs/ml evaluation of seeded random predictions. */
function manifest(classCount: number, seed: number, skill = 2): Record<string, unknown> {
  const random = seededRandom(seed);
  const labels = Array.from({ length: classCount }, (_, i) => `label-${String(i).padStart(2, '0')}`);
  const examples = classCount * 12;
  const truth = Int32Array.from({ length: examples }, (_, i) => i % classCount);
  const probabilities = new Float64Array(examples * classCount);
  truth.forEach((t, row) => {
    const values = labels.map((_, c) => random() + (c === t ? skill * random() : 0));
    const sum = values.reduce((a, b) => a + b, 0);
    values.forEach((v, c) => (probabilities[row * classCount + c] = v / sum));
  });
  const test = evaluate({ labels, truth, probabilities, ids: Array.from(truth, (_, i) => `doc-${i}`) });
  return {
    formatVersion: 1,
    model: {
      name: 'topics',
      task: 'topic',
      architecture: 'linear',
      createdAt: '2026-03-02T09:30:00.000Z',
      weightsSha256: 'a'.repeat(64),
    },
    labels,
    metrics: {
      test,
      testWithRules: null,
      parity: {
        runtime: 'onnxruntime-node',
        rows: examples,
        maxAbsDifference: 1e-7,
        argmaxMismatches: 0,
        tolerance: 1e-5,
        passed: true,
      },
      bestEpoch: 2,
      curve: [1, 2, 3].map((epoch) => ({
        epoch,
        trainLoss: 1 / epoch,
        validationLoss: 1.1 / epoch,
        validationMacroF1: 0.5 + epoch / 10,
        validationAccuracy: 0.6,
        learningRate: 0.01,
        seconds: 0.1,
      })),
    },
    trainingStatistics: {
      labels: Object.fromEntries(labels.map((l) => [l, 1 / classCount])),
      predictedLabels: {},
      textLength: { edges: [10, 20, 30, 41], shares: [0.1, 0.4, 0.3, 0.2, 0] },
      outOfVocabularyRate: { edges: [], shares: [1] },
      examples: 200,
    },
    data: {
      steps: [{ step: 'filterer:exact_duplicates', rowsIn: 210, rowsOut: 200, dropped: { exact_duplicate: 10 } }],
      split: { train: 140, validation: 20, test: examples },
    },
    lineage: {
      dataset: { name: 'mail', version: 3, contentHash: 'b'.repeat(64) },
      seed,
      jobId: null,
      runId: 'run-1',
      codeVersion: 'abc',
    },
    environment: { backend: 'wasm', node: 'v20', platform: 'linux', arch: 'x64' },
    config: {
      modelName: 'topics',
      seed,
      split: { test: 0.2, validation: 0.1 },
      model: { kind: 'linear' },
      filterers: [{ kind: 'exact_duplicates' }],
    },
    timings: { trainSeconds: 1.5, evaluateSeconds: 0.2 },
  };
}

describe('readManifestSections', () => {
  it('never throws and leaves what it cannot read undefined', () => {
    for (const input of [null, 42, 'x', [], {}, { metrics: { test: { accuracy: 'high' } } }]) {
      const sections = readManifestSections(input);
      expect(sections.test).toBeUndefined();
      expect(sections.lineage).toBeUndefined();
    }
  });

  it('keeps the readable parts of an evaluation whose matrix does not match its labels', () => {
    const full = manifest(3, 1);
    const test = (full.metrics as { test: Record<string, unknown> }).test;
    test.confusionMatrix = [[1, 2]];
    const sections = readManifestSections(full);
    expect(sections.test?.core.macroF1).toBe(test.macroF1);
    expect(sections.test?.confusionMatrix).toBeUndefined();
  });
});

describe('buildRunReportModel', () => {
  it('builds every part of a complete manifest, with seeded intervals around the scores', () => {
    const model = buildRunReportModel({ model: { manifest: manifest(3, 1), version: 4 }, requestedBy: 'maria' });
    const headline = model.headline.available ? model.headline.value : undefined;
    expect(headline?.macroF1.interval?.low).toBeLessThanOrEqual(headline?.macroF1.value ?? 0);
    expect(headline?.macroF1.interval?.high).toBeGreaterThanOrEqual(headline?.macroF1.value ?? 1);
    expect(headline?.bestClass?.f1).toBeGreaterThanOrEqual(headline?.worstClass?.f1 ?? 1);
    for (const part of [
      model.labelDistribution,
      model.preparation,
      model.textLength,
      model.metrics,
      model.perClass,
      model.confusion,
      model.calibration,
      model.learningCurve,
      model.rules,
      model.errors,
      model.config,
    ]) {
      expect(part.available).toBe(true);
    }
    expect(model.verdict).toBeNull();
    expect(model.reportDate).toBe('2026-03-02T09:30:00.000Z');
    expect(model.confusion.available && model.confusion.value.mode).toBe('matrix');
    expect(buildRunReportModel({ model: { manifest: manifest(3, 1), version: 4 } })).toEqual(
      buildRunReportModel({ model: { manifest: manifest(3, 1), version: 4 } }),
    );
  });

  it('turns every missing section into a missing part, and an empty manifest into an empty report', () => {
    const partial = manifest(3, 1);
    delete partial.trainingStatistics;
    delete partial.data;
    delete (partial.metrics as Record<string, unknown>).curve;
    delete (partial.metrics as { test: Record<string, unknown> }).test.calibration;
    const model = buildRunReportModel({ model: { manifest: partial, version: 1 } });
    expect(model.textLength).toEqual({
      available: false,
      missing: expect.stringContaining('text-length histogram') as string,
    });
    expect(model.calibration.available).toBe(false);
    expect(model.learningCurve.available).toBe(false);
    expect(model.preparation.available).toBe(false);
    expect(model.labelDistribution.available).toBe(true);
    const empty = buildRunReportModel({ model: { manifest: {}, version: 1 } });
    expect(empty.headline.available).toBe(false);
    expect(empty.identity.name).toBe('unknown model');
    expect(empty.reportDate).toBe('1970-01-01T00:00:00.000Z');
  });

  it('lists the top confused pairs instead of the matrix for more than 12 classes', () => {
    const model = buildRunReportModel({ model: { manifest: manifest(26, 2, 1), version: 1 } });
    const confusion = model.confusion.available ? model.confusion.value : undefined;
    expect(confusion?.mode).toBe('pairs');
    if (confusion?.mode !== 'pairs') return;
    expect(confusion.pairs.length).toBeLessThanOrEqual(12);
    expect(confusion.pairs.map((p) => p.count)).toEqual([...confusion.pairs.map((p) => p.count)].sort((a, b) => b - a));
  });

  it('compares with production and says the verdict in one line', () => {
    const model = buildRunReportModel({
      model: { manifest: manifest(3, 1, 6), version: 5 },
      production: { manifest: manifest(3, 1, 0.2), version: 4 },
      agreement: { examples: 36, same: 20 },
    });
    expect(model.verdict?.available && model.verdict.value.direction).toBe('better');
    expect(verdictLine(model.verdict)).toMatch(
      /^Better than production v4: macro-F1 \+\d+\.\d pts \(95% interval \+\d+\.\d to \+\d+\.\d pts\)\.$/,
    );
    expect(model.comparison?.sameTestSet).toBe(true);
    expect(model.comparison?.agreement?.same).toBe(20);
  });
});

describe('buildComparisonReportModel and reportTables', () => {
  it('compares any two versions, B − A, and exports the tables', () => {
    const model = buildComparisonReportModel({
      a: { manifest: manifest(3, 1, 0.5), version: 1 },
      b: { manifest: manifest(3, 9, 0.5), version: 2 },
    });
    expect(model.comparison.sameTestSet).toBe(false);
    const overall = model.comparison.overall.available ? model.comparison.overall.value : [];
    expect(overall.map((row) => row.name)).toEqual(['Accuracy', 'Macro-F1']);
    expect(overall[1]?.delta).toBeCloseTo((overall[1]?.b ?? 0) - (overall[1]?.a ?? 0), 12);
    expect(reportTables(model).map((table) => table.name)).toEqual([
      'comparison_overall',
      'comparison_per_class',
      'comparison_confusions',
      'lineage',
    ]);
    const run = buildRunReportModel({ model: { manifest: manifest(3, 1), version: 4 } });
    expect(reportTables(run).map((table) => table.name)).toEqual([
      'metrics',
      'per_class',
      'confusion_matrix',
      'label_distribution',
      'preparation_steps',
      'text_length',
      'calibration',
      'learning_curve',
      'worst_confusions',
      'lineage',
      'config',
    ]);
  });
});
