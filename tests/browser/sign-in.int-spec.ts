import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './support/browser.js';
import { createKey, loaded, revokeKey, signInThroughForm, signedInPage } from './support/session.js';
import { REPORT_DIR } from './support/suite.js';

const suite = inject('suite');
const base = suite.urls.reporter;

/** The budget for the first page's JavaScript, gzipped. */
const FIRST_PAGE_JS_BUDGET = 300 * 1024;
/**
 * A sanity bound on the first page's time to interactive on loopback, far above the 1 s target
 * (the measured figure is recorded, not asserted: the machine is shared by other work).
 */
const INTERACTIVE_SANITY_MS = 10_000;

describe('signing in with an API key', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('signs in with a valid key: the navigation and the key owner appear, the key is in no script-readable place', async () => {
    const { key } = await createKey(suite, 'ada', ['read', 'label']);
    const { page, errors } = await signedInPage(browser, suite, key);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('ada');
    const readable = await page.evaluate<string>(
      `JSON.stringify([document.cookie, Object.entries(localStorage), Object.entries(sessionStorage)])`,
    );
    expect(readable).not.toContain(key);
    const cookies = await page.context().cookies();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((cookie) => cookie.httpOnly)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers a wrong key with the sign-in page and the reason', async () => {
    const { page } = await newPage(browser);
    await signInThroughForm(page, base, 'mlk_wrongprefix0_notakeyatallnotakeyatallnotakeyatall00');
    const alert = page.getByRole('alert');
    await alert.first().waitFor();
    expect((await alert.first().textContent())?.length).toBeGreaterThan(10);
    expect(await page.getByLabel('API key').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    await page.context().close();
  });

  it('signs out a session whose key is revoked: the next page is the sign-in page with the reason', async () => {
    const { key, prefix } = await createKey(suite, 'grace', ['read']);
    const { page } = await signedInPage(browser, suite, key);
    await revokeKey(suite, prefix);
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/studies`);
          await page
            .getByRole('alert')
            .first()
            .waitFor({ timeout: 10_000 })
            .catch(() => undefined);
          return page.getByLabel('API key').isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    expect(await page.getByRole('alert').first().textContent()).toMatch(/revoked|unknown|expired|refused/i);
    await page.context().close();
  });

  it('offers only the actions the key allows: a read-only key sees no abort, promote or freeze button', async () => {
    const { key } = await createKey(suite, 'reader', ['read']);
    const { page } = await signedInPage(browser, suite, key);
    for (const path of [`/serving/${suite.seeded.servedModel}`, `/models/${suite.seeded.servedModel}`, '/datasets']) {
      await page.goto(`${base}${path}`);
      await page.locator('h1#page-title').waitFor();
      await loaded(page);
      expect(await page.getByRole('button', { name: /abort|promote|roll back|freeze/i }).count()).toBe(0);
    }
    await page.context().close();
  });

  it('loads the first page under the JavaScript budget and records its size and time to interactive', async () => {
    const { page } = await newPage(browser);
    const scripts: Buffer[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script')
        void response.body().then(
          (body) => scripts.push(body),
          () => undefined,
        );
    });
    await page.addInitScript(`(() => {
      const observer = new MutationObserver(() => {
        if (document.getElementById('api-key') && window.__interactiveAt === undefined) {
          window.__interactiveAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    })()`);
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.getByLabel('API key').waitFor();
    const interactiveMs = await page.evaluate<number>('window.__interactiveAt');
    await page.waitForLoadState('networkidle');
    const rawBytes = scripts.reduce((sum, body) => sum + body.length, 0);
    const gzipBytes = scripts.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    const signedIn = await signedInPage(browser, suite);
    const started = Date.now();
    await signedIn.page.goto(`${base}/studies`);
    await signedIn.page.getByRole('table', { name: 'Hyperparameter studies' }).waitFor();
    const studiesMs = Date.now() - started;
    writeFileSync(
      join(REPORT_DIR, 'first-page.json'),
      `${JSON.stringify(
        {
          benchmark: 'dashboard',
          date: new Date().toISOString(),
          machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
          rows: [
            {
              system: 'dashboard',
              case: 'first page (sign-in)',
              metric: 'js_scripts',
              value: scripts.length,
              unit: 'files',
            },
            { system: 'dashboard', case: 'first page (sign-in)', metric: 'js_bytes', value: rawBytes, unit: 'B' },
            { system: 'dashboard', case: 'first page (sign-in)', metric: 'js_gzip_bytes', value: gzipBytes, unit: 'B' },
            {
              system: 'dashboard',
              case: 'first page (sign-in), loopback, headless Chromium',
              metric: 'time_to_interactive',
              value: Math.round(interactiveMs),
              unit: 'ms',
            },
            {
              system: 'dashboard',
              case: 'studies list signed in, loopback (navigation to table shown)',
              metric: 'time_to_data',
              value: studiesMs,
              unit: 'ms',
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThan(FIRST_PAGE_JS_BUDGET);
    expect(interactiveMs).toBeGreaterThan(0);
    expect(interactiveMs).toBeLessThan(INTERACTIVE_SANITY_MS);
    await page.context().close();
    await signedIn.page.context().close();
  });
});
