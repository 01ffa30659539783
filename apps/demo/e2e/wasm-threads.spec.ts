import type { BrowserContext, Page } from 'playwright-core';
import { requireChromium } from '@framewise/testing';
import { SITE_BUILD_MS, startSite, type RunningSite } from './site-server.js';

// The built site served cross-origin isolated, as the dev and preview servers serve it: the wasm
// adapter must start tfjs-backend-wasm's threaded build. (The built site's threaded workers
// once failed with "e is not defined": the minifier had renamed what their script needed.)
// Skipped with what to install where Chromium is missing; an error under CI=true.
const browser = requireChromium();

/** Cores the page sees: tfjs' threaded build takes half of them, so 4 gives it 2 threads. */
const CORES = 4;

browser.describe('the built site, cross-origin isolated, in Chromium', () => {
  let site: RunningSite;
  let url: string;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await startSite(browser.path, 'skip', { crossOriginIsolated: true });
    ({ url, context } = site);
  }, SITE_BUILD_MS);

  afterAll(async () => {
    await site?.close();
  });

  async function open(
    query: string,
    route = '#/benchmarks',
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    // Whatever this machine has, the page sees CORES cores, so that threads can be told apart.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: CORES });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    await page.goto(`${url}${query}${route}`);
    return { page, errors };
  }

  /** Runs the default rows on wasm, quick; gives the status line and its thread count. */
  async function runWasm(page: Page): Promise<{ text: string; threads: string | null }> {
    await page.waitForSelector('[data-testid="bench-run"]');
    await page.selectOption('[data-testid="bench-backend"]', 'wasm');
    await page.click('[data-testid="bench-run"]');
    await page.waitForFunction(
      () =>
        /^(done|stopped|failed)$/u.test(
          document.getElementById('benchmarks-root')?.dataset['state'] ?? '',
        ),
      null,
      { timeout: 90_000 },
    );
    const status = page.locator('[data-testid="bench-status"]');
    return { text: await status.innerText(), threads: await status.getAttribute('data-threads') };
  }

  it('runs wasm threaded, on half the cores, and says how many threads', async () => {
    const { page, errors } = await open('');
    await expect(page.evaluate(() => crossOriginIsolated)).resolves.toBe(true);
    const { text, threads } = await runWasm(page);
    expect(text).toMatch(
      /^Ran on wasm, through Framewise's 'cpu' adapter: .*with SIMD and 2 threads \(2 threads\)$/u,
    );
    expect(threads).toBe(String(CORES / 2));
    await expect(page.locator('[data-testid="bench-results"] tbody tr').count()).resolves.toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('runs the threaded build on one thread when the page asks for one', async () => {
    const { page, errors } = await open('?threads=1');
    await expect(page.locator('[data-testid="bench-threads"]').inputValue()).resolves.toBe('1');
    const { text, threads } = await runWasm(page);
    expect(text).toMatch(/with SIMD and 1 thread \(1 thread\)$/u);
    expect(threads).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('runs the playground on the threaded build too', async () => {
    const { page, errors } = await open('', '#/playground?engine=wasm');
    await page.waitForSelector('#steps [data-testid="step"] canvas', { timeout: 60_000 });
    await expect(page.locator('#engine-status').getAttribute('data-engine')).resolves.toBe('wasm');
    await expect(page.locator('#engine-status').innerText()).resolves.toMatch(
      /with SIMD and 2 threads/u,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
