import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../config/read-json-file.js';
import { CliError, EXIT } from '../core/cli-error.js';
import { trainFileSchema } from './train-file.js';

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mlops-train-')), 'train.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('train.json', () => {
  it('is the API request with dataset.freeze/definition, promote and report added (defaults applied)', () => {
    const parsed = readJsonFile(
      file({ modelName: 'spam', task: 'spam', dataset: { name: 'mails', freeze: true }, promote: {} }),
      trainFileSchema,
      EXIT.failure,
    );
    expect(parsed).toMatchObject({
      modelName: 'spam',
      seed: 42,
      config: {},
      dataset: { name: 'mails', freeze: true },
      promote: { alias: 'production', minMacroF1: 0, maxRegression: 0.01 },
      report: { wait: true },
    });
  });

  it('names the file and every invalid field, with the API schema messages', () => {
    const path = file({ modelName: 'Spam!', task: 'spam', dataset: { name: 'mails', version: 0 }, epochs: 3 });
    let error: unknown;
    try {
      readJsonFile(path, trainFileSchema, EXIT.failure);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    const { exitCode, message, details } = error as CliError;
    expect(exitCode).toBe(EXIT.failure);
    const text = [message, ...details].join('\n');
    expect(message.startsWith(`${path} is invalid: `)).toBe(true);
    expect(text).toMatch(/modelName: lowercase letters/);
    expect(text).toMatch(/dataset\.version: /);
    expect(text).toMatch(/\(top level\): .*\(epochs\)/);
  });
});

describe('the example train files (libs/cli/examples)', () => {
  it.each(['spamassassin.train.json', 'wordnet.train.json'])('%s is a valid train.json', (name) => {
    const path = fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
    expect(() => readJsonFile(path, trainFileSchema, EXIT.failure)).not.toThrow();
  });
});
