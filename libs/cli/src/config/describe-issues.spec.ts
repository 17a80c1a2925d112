import { describe, expect, it } from 'vitest';
import { pointerToPath } from './describe-issues.js';

describe('pointerToPath', () => {
  it('turns the API pointer of a refused field into the path in the file', () => {
    expect(pointerToPath('/body/config/optimization/epochs')).toBe('config.optimization.epochs');
    expect(pointerToPath('/body/config/a~1b')).toBe('config.a/b');
    expect(pointerToPath('/query/limit', '/query')).toBe('limit');
  });
});
