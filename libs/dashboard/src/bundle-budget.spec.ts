import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dashboardAssetsDir } from './index.js';

/** The budget: the JavaScript the first page loads, gzipped. */
const BUDGET_BYTES = 300 * 1024;

interface BundleManifest {
  readonly firstPage: readonly string[];
  readonly all: readonly string[];
}

async function manifest(): Promise<BundleManifest> {
  const file = fileURLToPath(new URL('../dist/bundle.json', import.meta.url));
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`${file} is missing: run \`pnpm build\` (it bundles the dashboard) first`);
  });
  return JSON.parse(text) as BundleManifest;
}

async function gzipped(url: string): Promise<number> {
  return gzipSync(await readFile(join(dashboardAssetsDir, url))).length;
}

describe('the dashboard bundle', () => {
  it('loads under 300 KB of gzipped JavaScript on the first page, vega and vega-lite left to the chart chunk', async () => {
    const { firstPage, all } = await manifest();
    const sizes = await Promise.all(firstPage.filter((url) => url.endsWith('.js')).map(gzipped));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(total).toBeLessThan(BUDGET_BYTES);
    const firstPageText = (
      await Promise.all(firstPage.map((url) => readFile(join(dashboardAssetsDir, url), 'utf8')))
    ).join('\n');
    expect(firstPageText).not.toContain('vega-lite');
    expect(all.length).toBeGreaterThan(firstPage.length);
  });
});
