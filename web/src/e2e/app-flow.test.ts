import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '@scholarships/launcher';
import { type FlowResult, runAppFlow } from './app-flow';
import { launchBrowser, type TestBrowser } from './browser';
import { interceptSearches } from './failure-steps';
import { type E2ePlatform, startE2ePlatform } from './platform';

interface BuiltWeb {
  outDir: string;
  scriptUrl: string;
  stylesUrl: string;
}

// build.js is the workspace's build script, plain JavaScript outside src/.
const { buildWeb } = require(path.join(__dirname, '..', '..', 'build.js')) as {
  buildWeb(options: { outDir: string }): Promise<BuiltWeb>;
};

const SCREENSHOT_DIR = path.join(REPOSITORY_ROOT, 'test-artifacts', 'e2e');

/** The API routes of the flow's steps, each of which the gateway's cache stores. */
const FLOW_ROUTES = [
  /^\/api\/v1\/search$/,
  /^\/api\/v1\/scholarships\/[^/]+$/,
  /^\/api\/v1\/eligibility\/check$/,
];

let buildDir: string;
let built: BuiltWeb;
let platform: E2ePlatform;
let browser: TestBrowser;

beforeAll(async () => {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (redisUrl === undefined) throw new Error('TEST_REDIS_URL is not set by the jest global setup');
  buildDir = mkdtempSync(path.join(tmpdir(), 'web-e2e-build-'));
  built = await buildWeb({ outDir: buildDir });
  platform = await startE2ePlatform({ webAssetsDir: buildDir, redisUrl });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  if (buildDir !== undefined) rmSync(buildDir, { recursive: true, force: true });
}, 30_000);

function flowCalls(result: FlowResult) {
  return result.apiCalls.filter((call) => FLOW_ROUTES.some((route) => route.test(call.path)));
}

function countOf(counts: Map<string, number>, key: string): number {
  return counts.get(key) ?? 0;
}

describe('web app in Chromium', () => {
  it('searches, opens a result and explains eligibility, then repeats from caches', async () => {
    const page = await browser.context.newPage();
    const flow = {
      pageUrl: `${platform.pageOrigin}/`,
      apiOrigin: platform.apiOrigin,
      screenshotDir: SCREENSHOT_DIR,
    };

    const first = await runAppFlow(page, { ...flow, label: 'first-run' });

    expect(first.resultNames.length).toBeGreaterThan(0);
    expect(first.resultNames.join(' ').toLowerCase()).toContain('nursing');
    expect(first.detailName).toBe(first.resultNames[0]);
    expect(first.matchCount).toBeGreaterThan(0);
    expect(first.firstMatchCriteria.length).toBeGreaterThan(0);
    for (const criterion of first.firstMatchCriteria) {
      expect(['pass', 'unknown']).toContain(criterion.outcome);
      expect(criterion.text.length).toBeGreaterThan(10);
    }
    expect(flowCalls(first).map((call) => call.status)).toEqual([200, 200, 200]);
    // The page's script can read X-Cache only when the gateway exposes it to this origin.
    expect(first.footerCache).toBe('MISS');

    const before = await platform.requestCounts();
    const second = await runAppFlow(page, { ...flow, label: 'second-run' });
    const after = await platform.requestCounts();

    expect(second.resultNames).toEqual(first.resultNames);
    expect(second.detailName).toBe(first.detailName);
    const secondCalls = flowCalls(second);
    expect(secondCalls).toHaveLength(3);
    for (const call of secondCalls) expect(call.cache).toBe('HIT');
    expect(second.footerCache).toBe('HIT');
    // The hashed script and stylesheet came from the browser cache: no request reached the gateway.
    expect(countOf(after, 'GET /assets/:name 200')).toBe(countOf(before, 'GET /assets/:name 200'));
    expect(countOf(after, 'GET /assets/:name 304')).toBe(countOf(before, 'GET /assets/:name 304'));
    // The browser revalidated the entry page, and the gateway returned 304.
    expect(countOf(after, 'GET / 304') - countOf(before, 'GET / 304')).toBe(1);
    expect(countOf(after, 'GET / 200')).toBe(countOf(before, 'GET / 200'));
    expect(built.scriptUrl).toMatch(/^\/assets\/main-[A-Z0-9]{8}\.js$/);
  }, 60_000);

  it('shows a 429 from the problem details and retries after Retry-After', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${platform.pageOrigin}/`);
    const searches = await interceptSearches(page, {
      pageOrigin: platform.pageOrigin,
      retryAfterSeconds: 2,
      delayAfterAllowMs: 3000,
    });

    await page.getByLabel('Keywords').fill('engineering');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = page.locator('#search-results [role="alert"]');
    await alert.waitFor();
    const retry = alert.getByRole('button', { name: /^Retry/ });
    const alertText = await alert.textContent();
    const retryDisabled = await retry.isDisabled();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'rate-limited.png'), fullPage: true });
    searches.allow();
    await page.locator('#search-results button.retry:not([disabled])').click({ timeout: 5000 });
    const loading = page.locator('#search-results .loading');
    await page.getByText('The server is slow to respond').waitFor({ timeout: 5000 });
    await page.locator('#search-results .result').first().waitFor();

    // The client retried once inside, after the Retry-After wait, before the page showed the error.
    expect(searches.count()).toBe(3);
    expect(alertText).toContain('Too many requests from this device. You can retry in 2 s.');
    expect(alertText).toContain('Request id: rate-limited-request');
    expect(retryDisabled).toBe(true);
    expect(await alert.count()).toBe(0);
    expect(await loading.count()).toBe(0);
  }, 30_000);

  it('lists the invalid fields of a rejected eligibility check', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${platform.pageOrigin}/`);
    const form = page.locator('#eligibility-form');

    await form.getByLabel('GPA (unweighted, 0.0 to 4.0)').fill('5');
    await form.getByRole('button', { name: 'Check eligibility' }).click();
    const alert = page.locator('#eligibility-results [role="alert"]');
    await alert.waitFor();

    const text = await alert.textContent();
    expect(text).toContain('gpa: must be at most 4.0');
    expect(text).toMatch(/Request id: [\w-]+/);
    expect(await alert.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    // X-Request-Id is exposed to the page's origin, so the footer can show it.
    expect(await page.locator('#response-info').textContent()).toMatch(
      /HTTP 400, .+, request id [\w-]+$/,
    );
  }, 30_000);
});
