/**
 * Writes wiki/CLI.md from the `--help` of every command; `--check` exits 1 when the page is stale.
 *   pnpm --filter @mlops/cli docs [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliReference } from './cli-reference.js';

const page = fileURLToPath(new URL('../../../../wiki/CLI.md', import.meta.url));
const text = cliReference();
if (process.argv.includes('--check')) {
  const current = readFileSync(page, 'utf8');
  if (current !== text) {
    process.stderr.write(`${page} is stale: run pnpm --filter @mlops/cli docs\n`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(page, text);
  process.stdout.write(`wrote ${page}\n`);
}
