import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure } from './support/browser.js';
import { clientsFor, DATASET, TASK } from './support/seed.js';
import { createKey, openPage, signedInPage } from './support/session.js';

const suite = inject('suite');
const base = suite.urls.reporter;
const LABELLER = 'lin';
const TO_LABEL = 10;

describe('labelling with the model’s suggestions, then freezing a version', () => {
  let browser: Browser;
  let page: Page;
  screenshotOnFailure(() => page);
  const clients = clientsFor(suite);
  const labelled = new Map<string, string>();

  beforeAll(async () => {
    browser = await launchBrowser();
    const { key } = await createKey(suite, LABELLER, ['read', 'label', 'predict', 'train']);
    ({ page } = await signedInPage(browser, suite, key));
  });

  afterAll(async () => {
    await browser.close();
  });

  it('labels ten documents by keyboard, each shown with the production model’s suggestion and confidence', async () => {
    await openPage(page, base, `/labelling?task=${TASK}&model=${suite.seeded.servedModel}`);
    const buttons = page.getByRole('group', { name: 'Labels' }).getByRole('button');
    await buttons.first().waitFor();
    const labels: string[] = [];
    for (let index = 0; index < (await buttons.count()); index += 1)
      labels.push((await buttons.nth(index).getAttribute('data-label')) ?? '');
    expect(labels.length).toBeGreaterThanOrEqual(3);
    const article = page.locator('article.lab-document');
    for (let done = 0; done < TO_LABEL; done += 1) {
      await article.waitFor();
      const id = (await article.getAttribute('data-document-id')) ?? '';
      expect(labelled.has(id), `document ${id} came back`).toBe(false);
      const suggestion = page.getByTestId('suggestion');
      await suggestion.waitFor({ timeout: 30_000 });
      const suggested = (await page.getByTestId('suggested-label').textContent()) ?? '';
      expect(await page.getByTestId('suggestion-confidence').textContent()).toMatch(/\d+(\.\d+)?\s?%/);
      // Agree with the model on odd documents, pick the next label on even ones: the labels are the person's.
      const index = (labels.indexOf(suggested) + (done % 2 === 0 ? 1 : 0)) % labels.length;
      await page.keyboard.press(String(index + 1));
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe(`Saved “${labels[index] ?? ''}”.`);
      labelled.set(id, labels[index] ?? '');
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => (await article.getAttribute('data-document-id')) !== id, { timeout: 30_000 })
        .toBe(true);
    }
    for (const [id, label] of labelled) {
      const document = await clients.store.documents.get({ params: { id } });
      expect(document.labels[TASK]).toMatchObject({ label, by: LABELLER });
    }
  });

  it('freezes a new dataset version from the page and shows its counts, the ten new labels included', async () => {
    const before = await clients.store.datasets.versions({ params: { name: DATASET } });
    const latest = Math.max(...before.items.map((version) => version.version));
    const previous = before.items.find((version) => version.version === latest);
    await openPage(page, base, `/datasets/${DATASET}`);
    await page.getByRole('button', { name: 'Freeze a new version' }).click();
    await page.waitForURL(`**/datasets/${DATASET}/versions/${latest + 1}`, { timeout: 60_000 });
    const count = page.getByTestId('record-count');
    await expect
      .poll(() => count.textContent(), { timeout: 30_000 })
      .toBe(String((previous?.recordCount ?? 0) + TO_LABEL));
    const frozen = await clients.store.datasets.version({ params: { name: DATASET, version: latest + 1 } });
    const table = page.getByRole('table', { name: `Label distribution of version ${latest + 1}` });
    for (const [label, texts] of Object.entries(frozen.labelDistribution)) {
      const cells = await table
        .getByRole('row', { name: new RegExp(`^${label}\\b`) })
        .locator('td')
        .allTextContents();
      expect(cells[0]).toBe(String(texts));
    }
    const added = [...labelled.values()].reduce<Record<string, number>>(
      (sums, label) => ({ ...sums, [label]: (sums[label] ?? 0) + 1 }),
      {},
    );
    for (const [label, extra] of Object.entries(added))
      expect(frozen.labelDistribution[label]).toBe((previous?.labelDistribution[label] ?? 0) + extra);
  });
});
