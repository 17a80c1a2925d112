import type { Study } from '@mlops/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure } from './support/browser.js';
import { clientsFor } from './support/seed.js';
import { openPage, signedInPage } from './support/session.js';

const suite = inject('suite');
const base = suite.urls.reporter;

/** The numeric parameters the parallel coordinates draw (as the PDF's study slide): on every finished trial. */
function numericAxes(study: Study): string[] {
  const finished = study.trialTable.filter((trial) => trial.value !== undefined);
  return [...new Set(finished.flatMap((trial) => Object.keys(trial.params)))]
    .filter((name) => finished.every((trial) => typeof trial.params[name] === 'number'))
    .sort();
}

/** Where the chart's plot is on the page: the vega group's background. */
async function plotBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('[data-testid=parallel-coordinates] svg path.background').first().boundingBox();
  if (!box) throw new Error('the parallel coordinates have no plot');
  return box;
}

describe('the studies pages', () => {
  let browser: Browser;
  let page: Page;
  screenshotOnFailure(() => page);
  let study: Study;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page } = await signedInPage(browser, suite));
    study = await clientsFor(suite).studies.get({ params: { id: suite.seeded.studyId } });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('lists the study with its status, trial count and best value', async () => {
    await openPage(page, base, '/studies');
    const row = page.getByRole('row', { name: new RegExp(study.name ?? study.id.slice(0, 8)) });
    expect(await row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(study.status);
    expect(text).toContain(study.modelName);
    expect(text).toContain(String(+(study.bestValue ?? Number.NaN).toPrecision(4)));
    await row.getByRole('link').click();
    await page.getByTestId('trial-table').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/studies/${study.id}`);
  });

  it('shows the best trial with a link to its model version, and one line per finished trial in the parallel coordinates', async () => {
    await openPage(page, base, `/studies/${study.id}`);
    const best = study.bestTrial;
    expect(best?.modelVersion).toBeDefined();
    const bestText = (await page.getByTestId('best-trial').textContent()) ?? '';
    expect(bestText).toContain(`#${best?.number ?? -1}`);
    const versionLink = page.getByTestId('best-trial').getByRole('link', {
      name: `${best?.modelVersion?.name ?? ''} v${best?.modelVersion?.version ?? 0}`,
    });
    expect(await versionLink.getAttribute('href')).toBe(
      `/models/${best?.modelVersion?.name ?? ''}?version=${best?.modelVersion?.version ?? 0}`,
    );
    const finished = study.trialTable.filter((trial) => trial.value !== undefined);
    await page.locator('[data-testid=parallel-coordinates] svg').waitFor();
    const lines = page.locator('[data-testid=parallel-coordinates] svg g.mark-line path');
    await expect.poll(() => lines.count()).toBe(finished.length);
    for (const axis of numericAxes(study))
      expect(
        await page.locator('[data-testid=parallel-coordinates] svg text', { hasText: new RegExp(`^${axis}$`) }).count(),
      ).toBe(1);
    expect(await page.getByTestId('trial-count').textContent()).toBe(`${study.trialTable.length} trials.`);
    expect(await page.getByTestId('trial-table').locator('tbody tr').count()).toBe(study.trialTable.length);
  });

  it('filters the trial table to the trials inside a brush dragged over an axis, and clears it on a double click', async () => {
    await openPage(page, base, `/studies/${study.id}`);
    const [axis] = numericAxes(study);
    if (!axis) throw new Error('the study has no numeric parameter');
    const finished = study.trialTable.filter((trial) => trial.value !== undefined);
    const values = finished.map((trial) => trial.params[axis] as number);
    const [min, max] = [Math.min(...values), Math.max(...values)];
    const scaled = values.map((value) => (value - min) / (max - min));
    const below = Math.max(...scaled.filter((height) => height < 1));
    const expected = finished.filter((_, index) => (scaled[index] ?? 0) > (1 + below) / 2).map((trial) => trial.number);

    await page.locator('[data-testid=parallel-coordinates] svg').waitFor();
    const plot = await plotBox(page);
    const label = await page
      .locator('[data-testid=parallel-coordinates] svg text', { hasText: new RegExp(`^${axis}$`) })
      .boundingBox();
    if (!label) throw new Error(`no axis ${axis}`);
    const x = label.x + label.width / 2;
    const yOf = (height: number) => plot.y + (1 - height) * plot.height;
    await page.mouse.move(x - 12, yOf((1 + below) / 2));
    await page.mouse.down();
    await page.mouse.move(x + 12, plot.y - 10, { steps: 6 });
    await page.mouse.up();

    await expect
      .poll(() => page.getByTestId('trial-count').textContent())
      .toBe(`${expected.length} of ${study.trialTable.length} trials inside the brush on ${axis}.`);
    const shown = await page.getByTestId('trial-table').locator('tbody th[scope=row]').allTextContents();
    expect(shown.map((text) => Number(/#(\d+)/.exec(text)?.[1]))).toEqual(expected.sort((a, b) => a - b));

    await page.mouse.dblclick(x, yOf(0.5));
    await expect.poll(() => page.getByTestId('trial-count').textContent()).toBe(`${study.trialTable.length} trials.`);
  });

  it('filters the trial table by keyboard too: a parameter and a range of its values', async () => {
    await openPage(page, base, `/studies/${study.id}`);
    const axes = numericAxes(study);
    const axis = axes.at(-1) ?? '';
    const finished = study.trialTable.filter((trial) => trial.value !== undefined);
    const values = finished.map((trial) => trial.params[axis] as number).sort((a, b) => a - b);
    const from = ((values.at(-1) ?? 0) + (values.at(-2) ?? 0)) / 2;
    const expected = finished.filter((trial) => (trial.params[axis] as number) >= from).map((trial) => trial.number);
    await page.getByLabel('Parameter', { exact: true }).selectOption(axis);
    await page.getByLabel('From', { exact: true }).fill(String(from));
    await page.getByLabel('From', { exact: true }).press('Enter');
    await expect
      .poll(() => page.getByTestId('trial-count').textContent())
      .toBe(`${expected.length} of ${study.trialTable.length} trials inside the brush on ${axis}.`);
    await page.getByRole('button', { name: 'Show all' }).press('Enter');
    await expect.poll(() => page.getByTestId('trial-count').textContent()).toBe(`${study.trialTable.length} trials.`);
  });

  it('shows the not-found page for an unknown study id and for an id that is no UUID', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-study']) {
      await openPage(page, base, `/studies/${id}`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
    }
  });
});
