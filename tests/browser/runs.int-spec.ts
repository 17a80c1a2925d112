import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure } from './support/browser.js';
import { clientsFor, DATASET, TASK } from './support/seed.js';
import { openPage, signedInPage } from './support/session.js';

const suite = inject('suite');
const base = suite.urls.reporter;

/** The epochs the page's curve holds now (the curve's data), and the points its chart draws. */
async function curve(page: Page): Promise<{ epochs: number; points: number }> {
  const epochs = Number((await page.locator('.run-curve').getAttribute('data-epochs', { timeout: 1000 })) ?? 0);
  const points = await page.locator('.run-curve svg g.mark-symbol path').count();
  return { epochs, points };
}

describe('the runs pages', () => {
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

  it('follows a running job: its curve gains a point as an epoch ends, then the job is cancelled from the page', async () => {
    const job = await clients.jobs.submit({
      body: {
        modelName: 'browser-live',
        task: TASK,
        dataset: { name: DATASET, version: 1 },
        config: {
          featurizer: { wordNgrams: { buckets: 8192 } },
          model: { kind: 'mlp', hidden: 64 },
          optimization: { epochs: 500, earlyStopping: null },
          data: { minRows: 20 },
        },
      },
    });
    await openPage(page, base, `/runs/${job.id}`);
    await page.locator('.live-status[data-state=open]').waitFor({ timeout: 60_000 });
    const seen = await waitFor(
      async () => {
        const now = await curve(page);
        return now.epochs > 0 && now.points > 0 ? now : undefined;
      },
      120_000,
      200,
    );
    const later = await waitFor(
      async () => {
        const now = await curve(page);
        return now.epochs > seen.epochs && now.points > seen.points ? now : undefined;
      },
      60_000,
      200,
    );
    expect(later.epochs).toBeGreaterThan(seen.epochs);
    const recorded = await clients.registry.runs.get({ params: { id: job.id } });
    expect(recorded.epochs.length).toBeGreaterThanOrEqual(later.epochs - 1);

    await page.getByRole('button', { name: 'Cancel the job' }).click();
    const cancelled = await waitFor(
      async () => {
        const current = await clients.jobs.get({ params: { id: job.id } });
        return current.status === 'cancelled' ? current : undefined;
      },
      60_000,
      500,
    );
    expect(cancelled.status).toBe('cancelled');
    await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).toContain('cancelled');
  });

  it('opens the confusion matrix of a finished run and lists the test examples behind a clicked cell', async () => {
    const [jobId] = suite.seeded.jobIds;
    await openPage(page, base, `/runs/${jobId ?? ''}`);
    const matrix = page.getByRole('table', { name: /^Confusion matrix/ });
    await matrix.waitFor();
    const cells = matrix.locator('button.cell');
    const counts = (await cells.allTextContents()).map(Number);
    const index = counts.findIndex((count) => count > 0);
    expect(index).toBeGreaterThanOrEqual(0);
    const count = counts[index] ?? 0;
    await cells.nth(index).click();
    const examples = page.locator('section.cell-examples');
    await examples.locator('h3').waitFor();
    expect(await examples.locator('h3').textContent()).toContain(`${count} test example`);
    await examples.getByRole('table').waitFor();
    expect(await examples.getByRole('table').locator('tbody tr').count()).toBe(Math.min(count, 20));
    expect(await cells.nth(index).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the not-found page for an unknown run id', async () => {
    await openPage(page, base, '/runs/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });
});
