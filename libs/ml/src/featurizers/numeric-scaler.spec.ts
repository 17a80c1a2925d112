import { describe, expect, it } from 'vitest';
import { FeaturizerStateError } from './featurizer-state.js';
import { fitNumericScaler, numericScalerFromJSON, type NumericValues } from './numeric-scaler.js';

const rows: (NumericValues | undefined)[] = [
  { pageCount: 1, textCoverage: 0.5 },
  { pageCount: 3, textCoverage: 0.5 },
  { pageCount: 5, textCoverage: 0.5, ignored: 100 },
  { pageCount: Number.NaN },
  undefined,
];

describe('fitNumericScaler', () => {
  it('fits the mean and population std on the present values', () => {
    const state = fitNumericScaler({ features: ['pageCount', 'textCoverage', 'neverSeen'] }, rows).toJSON();
    expect(state.features).toEqual([
      { name: 'pageCount', mean: 3, std: Math.sqrt(8 / 3) },
      { name: 'textCoverage', mean: 0.5, std: 1 },
      { name: 'neverSeen', mean: 0, std: 1 },
    ]);
  });

  it('scales values, feature i at id i, and leaves out missing values and zeros', () => {
    const scaler = fitNumericScaler({ features: ['pageCount', 'textCoverage', 'neverSeen'] }, rows);
    const vector = scaler.transform({ pageCount: 7, textCoverage: 0.5, neverSeen: -2 });
    expect([...vector.ids]).toEqual([0, 2]);
    expect([...vector.values]).toEqual([Math.fround(4 / Math.sqrt(8 / 3)), -2]);
    expect(scaler.transform({ pageCount: Number.POSITIVE_INFINITY }).ids.length).toBe(0);
    expect(scaler.transform().ids.length).toBe(0);
    expect(scaler.dimension).toBe(3);
  });

  it('refuses duplicate or empty feature lists', () => {
    expect(() => fitNumericScaler({ features: ['a', 'a'] }, [])).toThrow(/unique/);
    expect(() => fitNumericScaler({ features: [] }, [])).toThrow();
  });
});

describe('numericScalerFromJSON', () => {
  it('round-trips through JSON', () => {
    const scaler = fitNumericScaler({ features: ['pageCount'] }, rows);
    const restored = numericScalerFromJSON(JSON.parse(JSON.stringify(scaler)));
    expect(restored.transform({ pageCount: 2 })).toEqual(scaler.transform({ pageCount: 2 }));
  });

  it('rejects bad states', () => {
    const feature = { name: 'a', mean: 0, std: 1 };
    expect(() => numericScalerFromJSON({ kind: 'numeric-scaler', version: 1, features: [feature, feature] })).toThrow(
      /not unique/,
    );
    expect(() =>
      numericScalerFromJSON({ kind: 'numeric-scaler', version: 1, features: [{ ...feature, std: 0 }] }),
    ).toThrow(FeaturizerStateError);
  });
});
