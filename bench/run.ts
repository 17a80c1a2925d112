/**
 * `pnpm bench <area>`: runs one benchmark area (bench/<area>/<area>.bench.ts), which writes
 * bench/results/<area>.json and prints its table. Benchmarks are bounded in time, loopback only.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const areas = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'results' && entry.name !== 'lib')
  .map((entry) => entry.name);
const area = process.argv[2];
if (!area || !areas.includes(area)) {
  process.stderr.write(`usage: pnpm bench <area>   (areas: ${areas.join(', ')})\n`);
  process.exit(2);
}
await import(`./${area}/${area}.bench.ts`);
