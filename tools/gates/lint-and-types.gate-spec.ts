import { describe, expect, it } from 'vitest';
import { runGate, withPlantedFile } from './planted-file.js';

const plantedPath = 'libs/config/src/__planted__gate.ts';

describe('lint and type gates', () => {
  it('eslint fails on a floating promise and on console.log', async () => {
    const content = [
      'export async function work(): Promise<number> {',
      '  return Promise.resolve(1);',
      '}',
      'export function caller(): void {',
      '  work();',
      "  console.log('done');",
      '}',
      '',
    ].join('\n');
    const run = await withPlantedFile(plantedPath, content, () =>
      runGate('eslint', ['--max-warnings', '0', plantedPath]),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('@typescript-eslint/no-floating-promises');
    expect(run.output).toContain('no-console');
  });

  it('eslint fails on a switch that misses a case', async () => {
    const content = [
      "type Stage = 'candidate' | 'production';",
      'export function describeStage(stage: Stage): string {',
      '  switch (stage) {',
      "    case 'candidate':",
      "      return 'c';",
      '  }',
      "  return '';",
      '}',
      '',
    ].join('\n');
    const run = await withPlantedFile(plantedPath, content, () =>
      runGate('eslint', ['--max-warnings', '0', plantedPath]),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('switch-exhaustiveness-check');
  });

  it('the type check fails on a type error', async () => {
    const content = "export const port: number = 'not a number';\n";
    const run = await withPlantedFile(plantedPath, content, () => runGate('tsc', ['-p', 'tsconfig.check.json']));
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('TS2322');
  });
});
