import { SlideDeck } from '../render/deck.js';
import { date } from './format.js';
import { versionTag } from './identity.js';
import { calibrationSlide } from './slides/calibration-slide.js';
import { classesSlide } from './slides/classes-slide.js';
import { comparisonSlides } from './slides/comparison-slides.js';
import { confusionSlide } from './slides/confusion-slide.js';
import { dataSlides } from './slides/data-slides.js';
import { errorsSlide } from './slides/errors-slide.js';
import { learningCurveSlide } from './slides/learning-curve-slide.js';
import { configAppendix, configSlide, lineageSlide } from './slides/lineage-slides.js';
import { metricsSlide } from './slides/metrics-slide.js';
import { rulesSlide } from './slides/rules-slide.js';
import { studySlide } from './slides/study-slide.js';
import { summarySlide } from './slides/summary-slide.js';
import { titleSlide } from './slides/title-slide.js';
import type { RunReportModel } from './view-model.js';

/**
 * Renders the run report of a model version as an A4-landscape PDF: title and verdict, summary,
 * data, performance, errors, comparison with production (when given), lineage and config, study
 * (when given). The same model gives the same bytes: dates come from `model.reportDate`, fonts are
 * embedded from the package, charts are rendered headless.
 */
export async function renderRunReport(model: RunReportModel): Promise<Buffer> {
  const tag = versionTag(model.identity);
  const deck = new SlideDeck(
    {
      title: `Model report: ${tag}`,
      subject: `Evaluation, data and lineage of ${tag}`,
      keywords: [model.identity.name, model.identity.task ?? '', 'model report'].filter(Boolean).join(', '),
      date: new Date(model.reportDate),
    },
    {
      left: `${tag}${model.identity.task ? ` · ${model.identity.task}` : ''}`,
      centre: `Model report · ${date(model.reportDate)}`,
    },
  );
  titleSlide(deck, model);
  await summarySlide(deck, model);
  await dataSlides(deck, model);
  await metricsSlide(deck, model);
  await classesSlide(deck, model);
  await confusionSlide(deck, model);
  await calibrationSlide(deck, model);
  await learningCurveSlide(deck, model);
  await rulesSlide(deck, model);
  await errorsSlide(deck, model);
  if (model.comparison) await comparisonSlides(deck, model.comparison, 'Against production');
  lineageSlide(deck, model.lineage);
  configSlide(deck, model.config);
  if (model.study) await studySlide(deck, model.study);
  configAppendix(deck, model.config);
  return deck.finish();
}
