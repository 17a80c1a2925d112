import type { SlideDeck } from '../../render/deck.js';
import { count, score, scoreInterval } from '../format.js';
import { macroF1Sentence } from '../sentences.js';
import type { MetricRow, RunReportModel } from '../view-model.js';
import { partSlide } from './slide-kit.js';

/** A metric's value as the table prints it. */
export function metricValue(row: MetricRow): string {
  if (row.kind === 'count') return count(row.value);
  if (row.kind === 'loss') return row.value.toFixed(3);
  return score(row.value);
}

/** Slide 4a: the metrics table with intervals and meanings. */
export async function metricsSlide(deck: SlideDeck, model: RunReportModel): Promise<void> {
  const headline = model.headline;
  await partSlide(
    deck,
    { section: 'Performance', title: 'The figures, and what they mean' },
    model.metrics,
    () =>
      headline.available
        ? macroF1Sentence(headline.value, model.identity.labels.length)
        : 'All figures are measured on the test set.',
    (box, rows) => {
      deck.table(
        box,
        {
          size: 11,
          columns: [
            { header: 'Metric', weight: 1.4 },
            { header: 'Value', weight: 1, align: 'right' },
            { header: '95% interval', weight: 1.4, align: 'right' },
            { header: 'What it means', weight: 5.2, maxLines: 2 },
          ],
          rows: rows.map((row) => [
            row.name,
            metricValue(row),
            row.interval ? scoreInterval(row.interval) : '—',
            row.meaning,
          ]),
          boldRows: new Set(
            rows.flatMap((row, index) => (row.name === 'Macro-F1' || row.name === 'Accuracy' ? [index] : [])),
          ),
        },
        { section: 'Performance', title: 'The figures, and what they mean' },
      );
    },
  );
}
