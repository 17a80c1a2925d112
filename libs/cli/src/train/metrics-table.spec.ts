import { describe, expect, it } from 'vitest';
import { estimateLine } from './metrics-table.js';

describe('estimateLine', () => {
  it('says a refitted model is estimated by the same recipe trained without the test texts', () => {
    const line = estimateLine({
      testTexts: 64,
      estimate: { servedModel: 'refit', evaluatedTrainRows: 224, servedTrainRows: 320, epochs: 20, temperature: 1 },
    });
    expect(line).toBe(
      'The served model was refitted on all 320 labelled texts; these figures come from the same recipe trained on 224 of them and tested on 64 test texts it had not seen, so they estimate it.',
    );
  });

  it("says an evaluated model's figures are its own, and says nothing for versions without an estimate", () => {
    expect(estimateLine({ estimate: { servedModel: 'evaluated', evaluatedTrainRows: 70, servedTrainRows: 70 } })).toBe(
      "These are the served model's own figures on the test texts (it was trained on 70 texts).",
    );
    expect(estimateLine({ macroF1: 0.9 })).toBeNull();
  });
});
