import type { Browser, Page } from 'playwright-core';
import { UpstreamError } from '@mlops/clients';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure } from './support/browser.js';
import { clientsFor, STUDY_MODEL } from './support/seed.js';
import { createKey, loaded, openPage, signedInPage } from './support/session.js';

const suite = inject('suite');
const base = suite.urls.reporter;
const PROMOTER = 'pia';
const ALIAS = 'staging';

/** Where the alias points in the registry now, or undefined when it is not set. */
async function aliasVersion(clients: ReturnType<typeof clientsFor>): Promise<number | undefined> {
  try {
    return (await clients.registry.aliases.resolve({ params: { name: STUDY_MODEL, alias: ALIAS } })).version;
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return undefined;
    throw error;
  }
}

describe('promoting a model version', () => {
  let browser: Browser;
  let page: Page;
  screenshotOnFailure(() => page);
  const clients = clientsFor(suite);

  beforeAll(async () => {
    browser = await launchBrowser();
    const { key } = await createKey(suite, PROMOTER, ['read', 'promote']);
    ({ page } = await signedInPage(browser, suite, key));
  });

  afterAll(async () => {
    await browser.close();
  });

  async function promote(version: number, reason: string): Promise<void> {
    await openPage(page, base, `/models/${STUDY_MODEL}`);
    await page.getByLabel('Alias', { exact: true }).fill(ALIAS);
    await page.getByLabel('Version', { exact: true }).selectOption(String(version));
    await page.getByLabel('Reason (recorded in the audit)').fill(reason);
    await page.getByRole('button', { name: `Point ${ALIAS} at v${version}` }).click();
  }

  it('shows the refusal of a blank reason next to the button, and moves nothing', async () => {
    const before = await aliasVersion(clients);
    await promote(2, '   ');
    const problem = page.locator('#alias-error[role=alert]');
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.textContent()).toMatch(/reason/i);
    expect(await aliasVersion(clients)).toBe(before);
  });

  it('promotes with a reason and shows the move in the audit history, by the signed-in key’s owner', async () => {
    const reason = `best trial of the browser study (${Date.now().toString(36)})`;
    await promote(3, reason);
    const history = page.getByRole('table', { name: `History of the alias ${ALIAS}` });
    await history.getByRole('row', { name: new RegExp(reason.replace(/[()]/g, '\\$&')) }).waitFor({ timeout: 30_000 });
    await loaded(page);
    const row = history.getByRole('row', { name: new RegExp(reason.replace(/[()]/g, '\\$&')) });
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual([expect.stringMatching(/→ v3$/), PROMOTER, reason]);
    expect(await aliasVersion(clients)).toBe(3);
    const moves = await clients.registry.aliases.history({ params: { name: STUDY_MODEL, alias: ALIAS } });
    expect(moves.items.find((move) => move.reason === reason)).toMatchObject({ version: 3, movedBy: PROMOTER });
  });
});
