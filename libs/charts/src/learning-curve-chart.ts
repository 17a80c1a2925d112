import type { TopLevelSpec } from 'vega-lite';
import { INK, OKABE_ITO } from './palette.js';

/** One epoch of training: losses and, when the run had a validation set, its macro-F1. */
export interface LearningCurveDatum {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss: number | null;
  readonly validationMacroF1: number | null;
}

const SERIES = ['Training loss', 'Validation loss', 'Validation macro-F1'] as const;
const COLORS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen];

/**
 * Learning curves: training and validation loss on the left axis, validation macro-F1 on the right
 * (0–100%), per epoch, with a vertical rule at the epoch whose weights were kept, labelled over
 * the plot's top edge (where no curve runs).
 */
export function learningCurveChart(epochs: readonly LearningCurveDatum[], keptEpoch: number | null): TopLevelSpec {
  const losses = epochs.flatMap((epoch) => [
    { epoch: epoch.epoch, series: SERIES[0], value: epoch.trainLoss },
    ...(epoch.validationLoss === null ? [] : [{ epoch: epoch.epoch, series: SERIES[1], value: epoch.validationLoss }]),
  ]);
  const scores = epochs.flatMap((epoch) =>
    epoch.validationMacroF1 === null ? [] : [{ epoch: epoch.epoch, series: SERIES[2], value: epoch.validationMacroF1 }],
  );
  const lastEpoch = epochs.reduce((max, epoch) => Math.max(max, epoch.epoch), 1);
  const firstEpoch = epochs[0]?.epoch ?? 1;
  const at = keptEpoch === null ? 0.5 : (keptEpoch - firstEpoch) / Math.max(1, lastEpoch - firstEpoch);
  // The label ends at the rule near the right end, starts there near the left end, else is centred.
  const labelAlign = at > 0.8 ? 'right' : at < 0.2 ? 'left' : 'center';
  const x = {
    field: 'epoch',
    type: 'quantitative',
    title: 'Epoch (one pass over the training texts)',
    scale: { domain: [epochs[0]?.epoch ?? 1, Math.max(lastEpoch, (epochs[0]?.epoch ?? 1) + 1)], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: [...SERIES], range: COLORS } };
  const line = { type: 'line', point: { size: 36 }, strokeWidth: 2 };
  return {
    layer: [
      {
        data: { values: losses },
        mark: line,
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'Loss (lower is better)', scale: { zero: true } },
          color,
          strokeDash: { condition: { test: `datum.series === '${SERIES[1]}'`, value: [5, 3] }, value: [] },
        },
      },
      {
        data: { values: scores },
        mark: line,
        encoding: {
          x,
          y: {
            field: 'value',
            type: 'quantitative',
            title: 'Validation macro-F1',
            scale: { domain: [0, 1] },
            axis: { format: '.0%', orient: 'right', grid: false },
          },
          color,
        },
      },
      ...(keptEpoch === null
        ? []
        : [
            {
              data: { values: [{ epoch: keptEpoch, label: `kept: epoch ${keptEpoch}` }] },
              layer: [
                {
                  mark: { type: 'rule', color: INK.faint, strokeDash: [2, 3] },
                  encoding: { x: { field: 'epoch', type: 'quantitative' } },
                },
                {
                  // Over the plot's top edge, outside the data: no line can run through it.
                  mark: {
                    type: 'text',
                    align: labelAlign,
                    baseline: 'bottom',
                    dy: -3,
                    y: 0,
                    fontSize: 9,
                    color: INK.muted,
                  },
                  encoding: { x: { field: 'epoch', type: 'quantitative' }, text: { field: 'label' } },
                },
              ],
            },
          ]),
    ],
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
