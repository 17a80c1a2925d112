import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildComparisonReportModel,
  buildRunReportModel,
  renderComparisonReport,
  renderRunReport,
  reportTablesZip,
  type RunReportInput,
} from '../src/report/index.js';
import { inkShare, pageTexts, popplerInfo, renderPages } from './support/poppler.js';
import { manyTopics, noisyTopics, trainVersion, type TrainedVersion } from './support/trained-manifests.js';

/*
 * The reports of real trained models (libs/ml's pipeline on small seeded corpora): deterministic
 * bytes, every page drawn, the headings and figures in the text, missing sections noted, and the
 * many-class confusion slide. The poppler checks need poppler-utils (Debian), installed by scripts/bootstrap.
 */

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const rules = [{ id: 'amount-is-finance', when: { tagger: 'money' }, then: { label: 'finance' } }];
const filterers = [{ kind: 'exact_duplicates' }, { kind: 'text_length', min: 10 }];

let production: TrainedVersion;
let candidate: TrainedVersion;
let manyClasses: TrainedVersion;
let runInput: RunReportInput;
let runPdf: Buffer;

beforeAll(async () => {
  const rows = noisyTopics(300, 11);
  production = await trainVersion({
    rows,
    seed: 3,
    config: { filterers, optimization: { epochs: 2, learningRate: 0.003 } },
    createdAt: '2026-02-01T08:00:00Z',
  });
  candidate = await trainVersion({
    rows,
    seed: 3,
    config: { filterers, rules, optimization: { epochs: 6, learningRate: 0.05 } },
  });
  manyClasses = await trainVersion({
    rows: manyTopics(26, 24, 4),
    seed: 4,
    modelName: 'topics-26',
    config: { optimization: { epochs: 6, learningRate: 0.05 } },
  });
  runInput = {
    model: { manifest: candidate.manifest, version: 4 },
    production: { manifest: production.manifest, version: 3 },
    examples: rows,
    requestedBy: 'maria.keller@example.com',
    requestedAt: '2026-03-02T09:00:00Z',
    agreement: { examples: 60, same: 55, bothRight: 50, onlyARight: 2, onlyBRight: 4, bothWrong: 4 },
    study: {
      name: 'lr-sweep',
      objective: 'validation macro-F1',
      direction: 'maximize',
      trials: [0, 1, 2, 3].map((i) => ({
        id: `t${i}`,
        params: { learningRate: 0.01 * (i + 1), epochs: 3 + i },
        value: 0.7 + i / 20,
      })),
    },
  };
  runPdf = await renderRunReport(buildRunReportModel(runInput));
});

describe('run report', () => {
  it('is byte-identical across renders, with fixed metadata and a trailer ID from them', async () => {
    const again = await renderRunReport(buildRunReportModel(runInput));
    expect(sha256(again)).toBe(sha256(runPdf));
    const trailer = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))?.[1];
    const otherDate = await renderRunReport(buildRunReportModel({ ...runInput, reportDate: '2026-04-01T00:00:00Z' }));
    expect(trailer(runPdf)).toBeDefined();
    expect(trailer(otherDate)).not.toBe(trailer(runPdf));
    expect(runPdf.toString('latin1')).not.toMatch(/Helvetica/);
  });

  it('dates the PDF from the run and names a fixed producer', () => {
    const info = popplerInfo('pdfinfo', runPdf);
    expect(info).toMatch(/Producer:\s+mlops-suite reporter/);
    expect(info).toMatch(/Creator:\s+mlops-suite reporter/);
    expect(info).toMatch(/CreationDate:\s+Mon Mar\s+2 09:30:00 2026 UTC/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
  });

  it('draws every page at 40 dpi, none blank, fonts embedded', () => {
    const pages = renderPages(runPdf, 40);
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(popplerInfo('pdfinfo', runPdf))?.[1]));
    expect(pages.length).toBeGreaterThanOrEqual(18);
    pages.forEach((page, index) =>
      expect({ page: index + 1, ink: inkShare(page, 0.2, 0.9) > 0.003 }).toEqual({ page: index + 1, ink: true }),
    );
    const fonts = popplerInfo('pdffonts', runPdf).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('prints the headings, the verdict and the macro-F1 of the manifest as on the slide', () => {
    const texts = pageTexts(runPdf);
    const all = texts.join('\n');
    for (const heading of [
      'MODEL REPORT',
      'How good is this model?',
      'Which classes the model learned',
      'How the data was prepared',
      'How long the texts are',
      'The figures, and what they mean',
      'Quality per class',
      'Which classes get mixed up',
      'Can its confidence be trusted?',
      'How training went',
      'What the decision rules add',
      'Its worst mistakes, with examples',
      'This version (v4) against production (v3)',
      'Where this model comes from',
      'Training settings',
      'How the settings were chosen',
      'Resolved training config',
    ]) {
      expect(all).toContain(heading);
    }
    const macroF1 = `${(candidate.manifest.metrics.test.macroF1 * 100).toFixed(1)}%`;
    expect(texts[1]).toContain(`its quality is ${macroF1} macro-F1`);
    expect(texts[0]?.replace(/\s+/g, ' ')).toMatch(
      /(Better than|Worse than|No clear difference from) production v3: macro-F1/,
    );
    expect(all).toContain('topics@4');
    expect(all).not.toContain('Example texts were not available');
  });

  it('renders a manifest with sections removed, saying on each slide what is missing', async () => {
    const manifest = structuredClone(candidate.manifest) as unknown as Record<string, Record<string, unknown>>;
    delete manifest.trainingStatistics;
    delete manifest.lineage;
    delete manifest.metrics?.curve;
    delete (manifest.metrics?.test as Record<string, unknown>).calibration;
    delete (manifest.metrics?.test as Record<string, unknown>).worstConfusions;
    const pdf = await renderRunReport(buildRunReportModel({ model: { manifest, version: 2 } }));
    const all = pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
    for (const what of [
      'text-length histogram',
      'calibration (reliability bins and ECE)',
      'learning curve',
      'list of worst confusions',
    ]) {
      expect(all).toContain(`This version's manifest has no ${what}`);
    }
    expect(all).toContain('The manifest lacks: lineage (dataset, seed, code version)');
    expect(all).toContain('When this report was made, no version of the model was in production');
    const empty = await renderRunReport(buildRunReportModel({ model: { manifest: { formatVersion: 0 }, version: 1 } }));
    expect(pageTexts(empty).join('\n')).toContain("This version's manifest has no test evaluation");
  });

  it('shows ids and says so when the example texts are not given', async () => {
    const pdf = await renderRunReport(buildRunReportModel({ model: { manifest: candidate.manifest, version: 4 } }));
    const errors = pageTexts(pdf).find((text) => text.includes('Its worst mistakes')) ?? '';
    expect(errors.replace(/\s+/g, ' ')).toContain('Example texts were not available to this report');
    const firstId = candidate.manifest.metrics.test.worstConfusions[0]?.examples[0]?.id;
    expect(firstId).toBeDefined();
    expect(errors).toContain(firstId ?? '');
  });

  it('lists the top confused pairs of a 26-class model instead of a 26 × 26 matrix', async () => {
    const model = buildRunReportModel({ model: { manifest: manifestOf(manyClasses), version: 2 } });
    expect(model.confusion.available && model.confusion.value.mode).toBe('pairs');
    const pdf = await renderRunReport(model);
    const confusion = pageTexts(pdf).find((text) => text.includes('Which classes get mixed up')) ?? '';
    expect(confusion.replace(/\s+/g, ' ')).toContain('With 26 classes a full matrix would be unreadable');
    expect(confusion).toContain('→');
    expect(confusion).not.toContain('Predicted as');
    expect(confusion.match(/topic-[a-z]/g)?.length ?? 0).toBeLessThan(60);
  });

  it('exports its tables as a deterministic zip of CSV files', () => {
    const model = buildRunReportModel(runInput);
    const zip = reportTablesZip(model);
    expect(sha256(reportTablesZip(buildRunReportModel(runInput)))).toBe(sha256(zip));
    const files = unzipSync(zip);
    expect(Object.keys(files)).toContain('metrics.csv');
    const metrics = strFromU8(files['metrics.csv'] ?? new Uint8Array());
    expect(metrics).toContain(`Macro-F1,${candidate.manifest.metrics.test.macroF1},`);
  });
});

function manifestOf(version: TrainedVersion): unknown {
  return version.manifest;
}

describe('comparison report', () => {
  it('is deterministic and, when poppler is there, shows both versions and their lineage', async () => {
    const input = {
      a: { manifest: production.manifest, version: 3 },
      b: { manifest: candidate.manifest, version: 4 },
      agreement: { examples: 60, same: 55 },
    };
    const pdf = await renderComparisonReport(buildComparisonReportModel(input));
    expect(sha256(await renderComparisonReport(buildComparisonReportModel(input)))).toBe(sha256(pdf));
    const all = pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
    for (const heading of [
      'COMPARISON REPORT',
      'B (v4) against A (v3)',
      'Change per class',
      'Mistakes that appeared or disappeared',
      'Where both versions come from',
    ]) {
      expect(all).toContain(heading);
    }
    expect(all).toContain('The two versions gave the same answer for 55 of 60 test texts');
    // The title says it the way the slides do: B against A.
    const cover = pageTexts(pdf)[0]?.replace(/\s+/g, ' ') ?? '';
    expect(cover).toContain('topics · v4 against v3');
    expect(cover).not.toContain('v3 against v4');
    renderPages(pdf, 40).forEach((page) => expect(inkShare(page, 0.2, 0.9)).toBeGreaterThan(0.003));
  });
});
