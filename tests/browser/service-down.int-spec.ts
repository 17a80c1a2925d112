import { closedBaseUrl } from '@mlops/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, screenshot } from './support/browser.js';
import { loaded, signedInPage } from './support/session.js';
import { startExtraService } from './support/suite.js';

const suite = inject('suite');

/**
 * A second reporter of the same suite whose inference address answers nothing: for the pages it
 * serves, inference is down while every other service is up.
 */
describe('a service down', () => {
  let browser: Browser;
  let page: Page;
  screenshotOnFailure(() => page);
  let reporter: Awaited<ReturnType<typeof startExtraService>>;

  beforeAll(async () => {
    reporter = await startExtraService(suite, suite.infraEnv, 'reporter', { INFERENCE_URL: await closedBaseUrl() });
    browser = await launchBrowser();
    ({ page } = await signedInPage(browser, { ...suite, urls: { ...suite.urls, reporter: reporter.url } }));
  });

  afterAll(async () => {
    await browser.close();
    await reporter.stop();
  });

  it('names the service that does not answer on the serving pages', async () => {
    for (const path of ['/serving', `/serving/${suite.seeded.servedModel}`]) {
      await page.goto(`${reporter.url}${path}`);
      await page.locator('h1#page-title').waitFor();
      const banner = page.locator('.banner[role=alert]');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toContain('inference');
      const problem = page.locator('main [role=alert]');
      await problem.first().waitFor();
      expect(await problem.first().textContent()).toMatch(/inference/i);
    }
    await screenshot(page, 'service-down');
  });

  it('keeps the pages of the services that answer working', async () => {
    await page.goto(`${reporter.url}/studies`);
    await page.getByRole('table', { name: 'Hyperparameter studies' }).waitFor({ timeout: 30_000 });
    await loaded(page);
    expect(
      await page.getByRole('table', { name: 'Hyperparameter studies' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
  });
});
