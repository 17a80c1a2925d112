#!/usr/bin/env node
// The `mlops` binary: the compiled CLI (libs/cli/dist, built by `pnpm build` or scripts/up).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('mlops: the CLI is not built yet: run scripts/bootstrap && pnpm build (scripts/up does both)\n');
  process.exit(2);
}
await import(main.href);
