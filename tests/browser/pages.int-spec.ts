import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshotOnFailure, newPage, screenshot, seriousViolations } from './support/browser.js';
import { DATASET, STUDY_MODEL, TASK } from './support/seed.js';
import { openPage, signedInPage, untilNone } from './support/session.js';

const suite = inject('suite');
const base = suite.urls.reporter;
const { servedModel, studyId, jobIds } = suite.seeded;

/** Every page of the dashboard with data behind it, by the name its screenshot is saved under. */
const PAGES: readonly { readonly name: string; readonly path: string }[] = [
  { name: 'runs', path: '/runs' },
  { name: 'run', path: `/runs/${jobIds[0] ?? ''}` },
  { name: 'models', path: '/models' },
  { name: 'model', path: `/models/${servedModel}` },
  { name: 'comparison', path: `/models/${servedModel}/compare/1/2` },
  { name: 'datasets', path: '/datasets' },
  { name: 'dataset', path: `/datasets/${DATASET}` },
  { name: 'labelling', path: `/labelling?task=${TASK}&model=${servedModel}` },
  { name: 'studies', path: '/studies' },
  { name: 'study', path: `/studies/${studyId}` },
  { name: 'serving', path: '/serving' },
  { name: 'served-model', path: `/serving/${servedModel}` },
  { name: 'documents', path: '/documents' },
  { name: 'failed-documents', path: '/documents?status=failed' },
  { name: 'not-found', path: `/models/${STUDY_MODEL}-deleted` },
];

/** A screenshot with something drawn on it: many colours, and a fair share of pixels off the background. */
const INKED = { colours: 20, inkShare: 0.02 };

describe('every page, as a person sees it: drawn (screenshot not blank) and accessible (axe-core)', () => {
  let browser: Browser;
  let page: Page;
  screenshotOnFailure(() => page);
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await signedInPage(browser, suite));
  });

  afterAll(async () => {
    await browser.close();
  });

  it('the sign-in page', async () => {
    const signedOut = await newPage(browser);
    await signedOut.page.goto(`${base}/`);
    await signedOut.page.getByLabel('API key').waitFor();
    const ink = await screenshot(signedOut.page, 'sign-in');
    expect(ink.colours).toBeGreaterThan(INKED.colours);
    expect(await seriousViolations(signedOut.page)).toEqual([]);
    expect(signedOut.errors).toEqual([]);
    await signedOut.page.context().close();
  });

  it.each(PAGES)('$name ($path)', async ({ name, path }) => {
    const before = errors.length;
    await openPage(page, base, path);
    await untilNone(page, 'figure.chart div[role=img]:empty');
    const ink = await screenshot(page, name);
    expect(ink.colours, `${name}: colours`).toBeGreaterThan(INKED.colours);
    expect(ink.inkShare, `${name}: share of pixels off the background`).toBeGreaterThan(INKED.inkShare);
    expect(await seriousViolations(page), `${name}: serious or critical axe-core violations`).toEqual([]);
    expect(errors.slice(before), `${name}: script errors`).toEqual([]);
  });
});
