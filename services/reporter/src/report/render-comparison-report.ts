import { SlideDeck } from '../render/deck.js';
import { date } from './format.js';
import { versionTag } from './identity.js';
import { comparisonLineageSlide } from './slides/comparison-lineage-slide.js';
import { comparisonSlides } from './slides/comparison-slides.js';
import { comparisonTitleSlide } from './slides/comparison-title-slide.js';
import type { ComparisonReportModel } from './view-model.js';

/**
 * Renders the comparison report of two versions (A the reference, B the other) as an A4-landscape
 * PDF: title and verdict, changes of the scores with intervals, per-class changes, confusion
 * changes and agreement, and the lineage of both. Deterministic like `renderRunReport`.
 */
export async function renderComparisonReport(model: ComparisonReportModel): Promise<Buffer> {
  const { a, b } = model.comparison;
  // B against A, as the title slide and the slides say it.
  const title = `${versionTag(b)} against ${versionTag(a)}`;
  const deck = new SlideDeck(
    {
      title: `Comparison report: ${title}`,
      subject: `Comparison of ${title}`,
      keywords: `${a.name}, comparison report`,
      date: new Date(model.reportDate),
    },
    { left: `A ${versionTag(a)} · B ${versionTag(b)}`, centre: `Comparison report · ${date(model.reportDate)}` },
  );
  comparisonTitleSlide(deck, model);
  await comparisonSlides(deck, model.comparison);
  comparisonLineageSlide(deck, model);
  return deck.finish();
}
