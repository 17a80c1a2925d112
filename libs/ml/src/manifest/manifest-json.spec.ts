import { describe, expect, it } from 'vitest';
import { manifestJson } from './manifest-json.js';

describe('manifestJson', () => {
  const value = {
    labels: ['ham', 'spam'],
    metrics: { macroF1: 0.9, curve: [{ epoch: 1, loss: 0.5 }], empty: {}, none: [] },
    featurizer: { ids: [0, 3, 7], words: ['a', 'é', '"q"'], flags: [true, null] },
    skipped: undefined,
    when: new Date(0),
  };

  it('parses back to what JSON.stringify gives', () => {
    expect(JSON.parse(manifestJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('indents objects and lists of objects, and keeps lists of plain values on one line', () => {
    expect(manifestJson(value)).toBe(
      [
        '{',
        '  "labels": ["ham","spam"],',
        '  "metrics": {',
        '    "macroF1": 0.9,',
        '    "curve": [',
        '      {',
        '        "epoch": 1,',
        '        "loss": 0.5',
        '      }',
        '    ],',
        '    "empty": {},',
        '    "none": []',
        '  },',
        '  "featurizer": {',
        '    "ids": [0,3,7],',
        '    "words": ["a","é","\\"q\\""],',
        '    "flags": [true,null]',
        '  },',
        '  "when": "1970-01-01T00:00:00.000Z"',
        '}',
        '',
      ].join('\n'),
    );
  });
});
