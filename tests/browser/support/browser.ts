import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { REPORT_DIR } from './suite.js';

const require = createRequire(import.meta.url);

/**
 * axe-core's script, evaluated through the DevTools protocol: the dashboard's Content Security
 * Policy (rightly) refuses inline scripts, so a `<script>` tag could not run it.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The Chromium the tests drive: Debian's (scripts/debian-tools installs it), or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A headless Chromium, as a person's browser would be but without a window. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** A fresh page (own cookies) 1280×900, with what its scripts threw collected for the test to check. */
export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** How much of a screenshot is drawn: distinct colours, and the share of pixels not of the commonest colour. */
export interface Ink {
  readonly colours: number;
  readonly inkShare: number;
}

/**
 * Decodes a PNG in the browser (an image drawn on a canvas) and measures its ink, so a blank
 * or one-colour screenshot is told from a page with content.
 */
export async function inkOf(browser: Browser, png: Buffer): Promise<Ink> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const source = `data:image/png;base64,${png.toString('base64')}`;
    return await page.evaluate<Ink>(`(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(source)};
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const pixels = new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
      const counts = new Map();
      for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) ?? 0) + 1);
      const commonest = Math.max(...counts.values());
      return { colours: counts.size, inkShare: 1 - commonest / pixels.length };
    })()`);
  } finally {
    await context.close();
  }
}

/**
 * Saves a full-page screenshot to reports/browser/<name>.png and returns its ink (the caller
 * asserts it is not blank).
 */
export async function screenshot(page: Page, name: string): Promise<Ink> {
  const png = await page.screenshot({ path: join(REPORT_DIR, `${name}.png`), fullPage: true });
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  return inkOf(browser, png);
}

/** One axe-core violation, as much as a failure message needs. */
interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Runs axe-core (WCAG 2 A/AA rules and best practices) on the page as it is and returns its
 * serious and critical violations, each as "rule (impact): help at target | target".
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<Violation[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  })()`);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? ''}): ${violation.help} at ${violation.targets.join(' | ')}`,
    );
}

/**
 * After each failed test of the file, saves what the page showed to
 * reports/browser/failures/<test name>.png (a CI artifact), to see why.
 */
export function screenshotOnFailure(current: () => Page | undefined): void {
  afterEach(async (context) => {
    const page = current();
    if (context.task.result?.state !== 'fail' || !page || page.isClosed()) return;
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    mkdirSync(join(REPORT_DIR, 'failures'), { recursive: true });
    await page.screenshot({ path: join(REPORT_DIR, 'failures', `${name}.png`), fullPage: true }).catch(() => undefined);
  });
}
