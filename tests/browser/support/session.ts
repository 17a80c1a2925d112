import { createServiceClient } from '@mlops/clients';
import { keyRoutes, type Scope } from '@mlops/contracts';
import { waitFor } from '@mlops/testing';
import type { Browser, Page } from 'playwright-core';
import { newPage } from './browser.js';
import type { SuiteAddresses } from './suite.js';

/** A key of its own for a test: `owner` with `scopes`, created with the admin key (feature-store keeps keys). */
export async function createKey(
  suite: SuiteAddresses,
  owner: string,
  scopes: Scope[],
): Promise<{ key: string; prefix: string }> {
  const keys = createServiceClient(keyRoutes, { baseUrl: suite.urls['feature-store'], apiKey: suite.adminKey });
  const created = await keys.create({ body: { owner, scopes, description: 'browser suite' } });
  return { key: created.key, prefix: created.prefix };
}

/** Revokes a key by its prefix. */
export async function revokeKey(suite: SuiteAddresses, prefix: string): Promise<void> {
  const keys = createServiceClient(keyRoutes, { baseUrl: suite.urls['feature-store'], apiKey: suite.adminKey });
  await keys.revoke({ params: { prefix } });
}

/** Signs in on the sign-in page as a person does: the key in the "API key" field, then "Sign in". */
export async function signInThroughForm(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A fresh page signed in with `key` (the admin key by default) through the sign-in form, its navigation shown. */
export async function signedInPage(
  browser: Browser,
  suite: SuiteAddresses,
  key = suite.adminKey,
): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser);
  await signInThroughForm(opened.page, suite.urls.reporter, key);
  await opened.page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 30_000 });
  return opened;
}

/** Opens a dashboard URL and waits for its heading (every page has h1#page-title) and for its loading lines to end. */
export async function openPage(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('h1#page-title').waitFor({ timeout: 30_000 });
  await loaded(page);
}

/** Waits until no part of the page says it is loading. */
export async function loaded(page: Page): Promise<void> {
  await untilNone(page, '.loading');
}

/**
 * Waits until no element matches `selector` (polled from here: the dashboard's CSP forbids the
 * string evaluation `page.waitForFunction` would use).
 */
export async function untilNone(page: Page, selector: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => ((await page.locator(selector).count()) === 0 ? true : undefined), timeoutMs, 100);
}
