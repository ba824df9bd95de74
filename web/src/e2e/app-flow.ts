import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, Response } from 'playwright-core';

/** One API response the page received. */
export interface ApiCall {
  method: string;
  path: string;
  status: number;
  cache: string | undefined;
}

export interface FlowResult {
  apiCalls: ApiCall[];
  resultNames: string[];
  detailName: string;
  /** Outcome and reason of every criterion of the first match. */
  firstMatchCriteria: { outcome: string; text: string }[];
  matchCount: number;
  /** `X-Cache` of the last API response as the page's script read it, shown in the footer. */
  footerCache: string | undefined;
}

export interface FlowOptions {
  pageUrl: string;
  apiOrigin: string;
  screenshotDir: string;
  /** Prefix of the screenshot names, e.g. `first-run`. */
  label: string;
}

/**
 * Loads the page, searches for "nursing", opens the first result and checks the eligibility of a
 * nursing student from Texas, taking a screenshot after each step. Returns what the page showed
 * and every API response it received.
 */
export async function runAppFlow(page: Page, options: FlowOptions): Promise<FlowResult> {
  mkdirSync(options.screenshotDir, { recursive: true });
  const shot = (step: string) =>
    page.screenshot({
      path: path.join(options.screenshotDir, `${options.label}-${step}.png`),
      fullPage: true,
    });
  const apiCalls: ApiCall[] = [];
  const onResponse = (response: Response) => {
    const url = new URL(response.url());
    if (url.origin !== options.apiOrigin || !url.pathname.startsWith('/api/')) return;
    const request = response.request();
    if (request.method() === 'OPTIONS') return;
    apiCalls.push({
      method: request.method(),
      path: url.pathname,
      status: response.status(),
      cache: response.headers()['x-cache'],
    });
  };
  page.on('response', onResponse);
  try {
    await page.goto(options.pageUrl, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Scholarship finder' }).waitFor();
    await shot('1-page');

    const resultNames = await search(page, 'nursing');
    await shot('2-results');

    const detailName = await openFirstResult(page);
    await shot('3-detail');

    const { criteria, matchCount } = await checkEligibility(page);
    await shot('4-eligibility');
    const footerCache =
      (await page.locator('#response-info').getAttribute('data-cache')) ?? undefined;
    return {
      apiCalls,
      resultNames,
      detailName,
      firstMatchCriteria: criteria,
      matchCount,
      footerCache,
    };
  } finally {
    page.off('response', onResponse);
  }
}

async function search(page: Page, keyword: string): Promise<string[]> {
  await page.getByLabel('Keywords').fill(keyword);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const names = page.locator('#search-results .result h3');
  await names.first().waitFor();
  return names.allTextContents();
}

async function openFirstResult(page: Page): Promise<string> {
  await page.locator('#search-results .result h3 button').first().click();
  const name = page.locator('#detail-content article.detail h3');
  await name.waitFor();
  return (await name.textContent()) ?? '';
}

async function checkEligibility(page: Page) {
  const form = page.locator('#eligibility-form');
  await form.getByLabel('Grade level').selectOption('high_school_senior');
  await form.getByLabel('GPA (unweighted, 0.0 to 4.0)').fill('3.5');
  await form.getByLabel('State of residence').selectOption('TX');
  await form.getByLabel('Citizenship').selectOption('us_citizen');
  await form.getByLabel('Nursing').check();
  await form.getByRole('button', { name: 'Check eligibility' }).click();
  const firstMatch = page.locator('#eligibility-results .match').first();
  await firstMatch.waitFor();
  const criteria = await firstMatch.locator('.criterion').evaluateAll((items) =>
    items.map((item) => ({
      outcome: item.className.replace(/^.*outcome-(\w+).*$/, '$1'),
      text: item.textContent ?? '',
    })),
  );
  const matchCount = await page.locator('#eligibility-results .match').count();
  return { criteria, matchCount };
}
