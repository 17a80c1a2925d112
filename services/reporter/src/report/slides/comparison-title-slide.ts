import type { SlideDeck } from '../../render/deck.js';
import { FONT } from '../../render/fonts.js';
import { below } from '../../render/layout.js';
import { CHANGE, INK } from '@mlops/charts';
import { verdictOf } from '../comparison-part.js';
import { date, dateTime } from '../format.js';
import { versionTag } from '../identity.js';
import { verdictLine } from '../sentences.js';
import type { ComparisonReportModel } from '../view-model.js';

/** The comparison report's title slide: both versions, the requester and the verdict of B against A. */
export function comparisonTitleSlide(deck: SlideDeck, model: ComparisonReportModel): void {
  const { a, b } = model.comparison;
  const box = deck.addCoverSlide('Title');
  let rest = below(box, 30);
  deck.text(rest, 'COMPARISON REPORT', { size: 10, font: FONT.bold, color: INK.accent });
  rest = below(rest, 22);
  // B against A, as the slides say it ("B (v2) against A (v1)").
  const title =
    a.name === b.name
      ? `${a.name}  ·  v${b.version} against v${a.version}`
      : `${versionTag(b)} against ${versionTag(a)}`;
  rest = below(rest, deck.text(rest, title, { size: 30, font: FONT.bold }), 8);
  rest = below(
    rest,
    deck.text(rest, `B (v${b.version}) is compared with the reference A (v${a.version}). Changes are B − A.`, {
      size: 13,
      color: INK.muted,
    }),
    24,
  );
  const verdict = verdictOf(model.comparison);
  const line = verdictLine(verdict)
    .replace(`production v${a.version}`, `A (v${a.version})`)
    .replace(/^(Better|Worse) than/, (m) => `B is ${m.toLowerCase()}`)
    .replace(/^No clear difference from/, 'B shows no clear difference from');
  const color = verdict.available
    ? verdict.value.direction === 'better'
      ? CHANGE.better
      : verdict.value.direction === 'worse'
        ? CHANGE.worse
        : INK.muted
    : INK.faint;
  rest = below(rest, deck.banner(rest, line, color), 26);
  const describe = (identity: typeof a) =>
    `${versionTag(identity)}, trained ${dateTime(identity.createdAt)}${identity.dataset ? ` on ${identity.dataset.name} v${identity.dataset.version}` : ''}`;
  deck.keyValues(rest, [
    { key: 'A (reference)', value: describe(a) },
    { key: 'B', value: describe(b) },
    {
      key: 'Requested by',
      value: model.requestedBy
        ? `${model.requestedBy}${model.requestedAt ? ` on ${date(model.requestedAt)}` : ''}`
        : 'not recorded',
    },
    { key: 'Report date', value: date(model.reportDate) },
  ]);
}
