import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure } from './support/browser.js';
import { clientsFor } from './support/seed.js';
import { openPage, signedInPage } from './support/session.js';

const suite = inject('suite');
const base = suite.urls.reporter;
const model = suite.seeded.servedModel;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

describe('the serving pages', () => {
  let browser: Browser;
  let page: Page;
  screenshotOnFailure(() => page);
  const clients = clientsFor(suite);

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page } = await signedInPage(browser, suite));
  });

  afterAll(async () => {
    await browser.close();
  });

  it('lists the served model with the version in each role, as inference reports them', async () => {
    const loaded = await clients.inference.models.list();
    await openPage(page, base, '/serving');
    const row = page.getByRole('row', { name: new RegExp(model) });
    const cells = await row.locator('td').allTextContents();
    for (const [index, role] of ['production', 'canary', 'shadow'].entries()) {
      const version = loaded.items.find((item) => item.name === model && item.aliases.includes(role))?.version;
      expect(cells[index]).toBe(version === undefined ? 'none' : `v${version}`);
    }
    await row.getByRole('link', { name: model }).click();
    await page.getByTestId('version-traffic').waitFor();
  });

  it("shows each version's requests, latency and live accuracy per role, and the canary's agreement", async () => {
    await openPage(page, base, `/serving/${model}`);
    const comparison = await clients.inference.models.comparison({ params: { name: model } });
    const accuracy = await clients.inference.monitoring.accuracy({ params: { name: model } });
    expect(comparison.versions.map((figures) => figures.role).sort()).toEqual(['canary', 'production', 'shadow']);
    for (const figures of comparison.versions) {
      const row = page.getByTestId('version-traffic').locator(`tbody tr[data-role=${figures.role}]`);
      const cells = await row.locator('td').allTextContents();
      expect(await row.locator('th').textContent()).toBe(`v${figures.version}`);
      expect(cells.slice(0, 3)).toEqual([figures.role, String(figures.requests), String(figures.texts)]);
      const live = accuracy.versions.find((item) => item.version === figures.version && item.role === figures.role);
      expect(cells.at(-1)).toBe(
        live && live.accuracy !== null ? `${percent(live.accuracy)} of ${live.withFeedback}` : '–',
      );
    }
    const canary = comparison.versions.find((figures) => figures.role === 'canary');
    const agreement = (await page.getByTestId('canary-agreement').textContent()) ?? '';
    expect(agreement).toContain(`Canary v${canary?.version ?? 0} answers ${percent(comparison.canaryShare)}`);
    expect(agreement).toContain(
      `${percent(canary?.agreement?.rate ?? 0)} of ${canary?.agreement?.compared ?? 0} texts`,
    );
    expect(await page.getByTestId('live-accuracy').locator('tbody tr').count()).toBeGreaterThanOrEqual(
      accuracy.versions.length,
    );
  });

  it('shows the drift status of every watched version with the histograms behind each statistic', async () => {
    await openPage(page, base, `/serving/${model}`);
    const drift = await clients.inference.monitoring.drift({ params: { name: model } });
    expect(drift.versions.length).toBeGreaterThan(0);
    for (const version of drift.versions) {
      const section = page.getByTestId(`drift-v${version.version}-${version.traffic}`);
      expect(await section.locator('h3 .chip').textContent()).toBe(version.status);
      const drawn = version.statistics.filter((statistic) => statistic.bins.length > 0).length;
      await expect.poll(() => section.locator('figure.chart svg').count(), { timeout: 20_000 }).toBe(drawn);
    }
  });

  it('shows the rollout: its stage and status, the figures and each guardrail against its threshold', async () => {
    await openPage(page, base, `/serving/${model}`);
    const rollout = await clients.inference.rollout.show({ params: { name: model } });
    const panel = page.getByTestId('rollout');
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain(`Rollout of v${rollout.version}`);
    expect(text).toContain(`stage ${rollout.stage}`);
    expect(await panel.locator('p .chip').first().textContent()).toBe(rollout.status);
    const rows = panel.getByTestId('guardrails').locator('tbody tr');
    expect(await rows.count()).toBe(rollout.guardrails.length);
    for (const [index, check] of rollout.guardrails.entries()) {
      const cells = await rows.nth(index).locator('td').allTextContents();
      expect(cells[0]).toBe(check.status);
      expect(cells[2]).toBe(check.threshold);
    }
    expect(await panel.getByRole('button', { name: 'Abort the rollout' }).count()).toBe(
      rollout.status === 'running' ? 1 : 0,
    );
  });

  it('shows the not-found page for a model inference does not serve', async () => {
    await openPage(page, base, '/serving/no-such-model');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });
});
