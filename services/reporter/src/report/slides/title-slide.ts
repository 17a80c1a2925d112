import { FONT } from '../../render/fonts.js';
import { below } from '../../render/layout.js';
import { CHANGE, INK } from '@mlops/charts';
import type { SlideDeck } from '../../render/deck.js';
import { count, counted, date, dateTime } from '../format.js';
import { verdictLine } from '../sentences.js';
import type { ModelIdentity, RunReportModel } from '../view-model.js';

/** "Classifies texts into 3 classes: a, b, c" (the first classes only when many). */
export function labelsLine(identity: ModelIdentity): string {
  // Non-breaking hyphens: a label is never split across lines.
  const labels = identity.labels.map((label) => label.replaceAll('-', '\u2011'));
  if (labels.length === 0) return 'Classes unknown (not in the manifest).';
  const shown =
    labels.length <= 8 ? labels.join(', ') : `${labels.slice(0, 8).join(', ')} and ${count(labels.length - 8)} more`;
  return `Classifies texts into ${counted(labels.length, 'class', 'classes')}: ${shown}.`;
}

/** The colour of a verdict's banner. */
function verdictColor(model: RunReportModel): string {
  const verdict = model.verdict;
  if (!verdict?.available) return INK.faint;
  return verdict.value.direction === 'better'
    ? CHANGE.better
    : verdict.value.direction === 'worse'
      ? CHANGE.worse
      : INK.muted;
}

/** Slide 1: model, version, task, dataset, dates, requester and the verdict against production. */
export function titleSlide(deck: SlideDeck, model: RunReportModel): void {
  const { identity } = model;
  const box = deck.addCoverSlide('Title');
  let rest = below(box, 30);
  deck.text(rest, 'MODEL REPORT', { size: 10, font: FONT.bold, color: INK.accent });
  rest = below(rest, 22);
  const title = `${identity.name}  ·  version ${identity.version}`;
  rest = below(rest, deck.text(rest, title, { size: 32, font: FONT.bold }), 6);
  const task = identity.task ? `Task “${identity.task}”. ` : '';
  rest = below(rest, deck.text(rest, `${task}${labelsLine(identity)}`, { size: 14, color: INK.muted }), 26);
  rest = below(
    rest,
    deck.banner({ ...rest, width: rest.width }, verdictLine(model.verdict, model.inProduction), verdictColor(model)),
    28,
  );
  const dataset = identity.dataset
    ? `${identity.dataset.name}, version ${identity.dataset.version}`
    : 'not in the manifest';
  deck.keyValues(
    rest,
    [
      { key: 'Dataset', value: dataset },
      { key: 'Architecture', value: identity.architecture ?? 'not in the manifest' },
      { key: 'Trained', value: dateTime(identity.createdAt) },
      {
        key: 'Requested by',
        value: model.requestedBy
          ? `${model.requestedBy}${model.requestedAt ? ` on ${date(model.requestedAt)}` : ''}`
          : 'not recorded',
      },
      { key: 'Report date', value: date(model.reportDate) },
    ],
    150,
    12.5,
  );
}
