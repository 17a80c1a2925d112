import { barChart, type TopLevelSpec } from '@mlops/charts';
import { useMemo } from 'preact/hooks';
import { Chart } from '../../ui/chart.js';

/** The fANOVA-lite importances of a study's parameters as bars, the most important first. */
export function ParameterImportances({ importances }: { readonly importances: Readonly<Record<string, number>> }) {
  const entries = Object.entries(importances).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const spec = useMemo(
    (): TopLevelSpec => ({
      ...barChart(
        entries.map(([category, value]) => ({ category, value })),
        { valueTitle: 'Share of the objective variance', percent: true },
      ),
      height: Math.max(60, entries.length * 32),
    }),
    [importances],
  );
  if (entries.length === 0) {
    return <p class="muted">Importances need at least two finished trials that differ in their settings.</p>;
  }
  return (
    <Chart
      spec={spec}
      width={520}
      label={`Parameter importances: ${entries.map(([name, value]) => `${name} ${(value * 100).toFixed(0)}%`).join(', ')}`}
    />
  );
}
