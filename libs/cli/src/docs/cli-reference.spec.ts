import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliReference } from './cli-reference.js';

describe('wiki/CLI.md', () => {
  it('is the --help of every command as the CLI prints it now (pnpm --filter @mlops/cli docs regenerates it)', () => {
    const page = readFileSync(fileURLToPath(new URL('../../../../wiki/CLI.md', import.meta.url)), 'utf8');
    expect(page).toBe(cliReference());
  });

  it('has a section per command, subcommands included', () => {
    const text = cliReference();
    for (const command of [
      'mlops train',
      'mlops datasets freeze',
      'mlops models export',
      'mlops keys revoke',
      'mlops demo',
    ]) {
      expect(text).toContain(`\`${command}\``);
    }
  });
});
