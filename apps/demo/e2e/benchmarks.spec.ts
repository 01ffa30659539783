import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { requireChromium } from '@framewise/testing';
import { ARTIFACTS, SITE_BUILD_MS, startSite, type RunningSite } from './site-server.js';
// placeholder

// The Benchmarks page in real headless Chromium: the suite of `npm run bench` timing Framewise
// against tfjs-layers on wasm in the browser. Skipped with what to install where Chromium is
// missing; an error under CI=true.
const browser = requireChromium();

browser.describe('the Benchmarks page in Chromium', () => {
  let site: RunningSite;
  let url: string;
  let context: BrowserContext;

  beforeAll(async () => {
    // This page needs no API reference: TypeDoc stays out of this build (site.spec builds it).
    site = await startSite(browser.path, 'skip');
    ({ url, context } = site);
  }, SITE_BUILD_MS);

  afterAll(async () => {
    await site?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    await page.goto(`${url}#/benchmarks`);
    await page.waitForSelector('[data-testid="bench-run"]');
    return { page, errors };
  }

  /** Waits for the run to end; `state` is `done`, `stopped` or `failed`. */
  async function finished(page: Page): Promise<string> {
    await page.waitForFunction(
      () =>
        /^(done|stopped|failed)$/u.test(
          document.getElementById('benchmarks-root')?.dataset['state'] ?? '',
        ),
      null,
      { timeout: 90_000 },
    );
    return (await page.locator('#benchmarks-root').getAttribute('data-state'))!;
  }

  it('runs the default rows on wasm and charts Framewise against tfjs-layers', async () => {
    const { page, errors } = await open();
    // The committed results of docs/benchmarks.md are there before anything runs.
    const committed = page.locator('[data-testid="bench-committed"]');
    await expect(committed.locator('table').count()).resolves.toBeGreaterThan(3);
    await expect(committed.innerText()).resolves.toContain('Dense b8 t1000 64→64');
    // Its links to its own headings stay on this page.
    const anchors = await committed
      .locator('a[href^="#"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(anchors.length).toBeGreaterThan(0);
    for (const href of anchors) expect(href).toMatch(/^#\/benchmarks\/[a-z0-9-]+$/u);

    await page.selectOption('[data-testid="bench-backend"]', 'wasm');
    const started = Date.now();
    await page.click('[data-testid="bench-run"]');
    const state = await finished(page);
    const seconds = (Date.now() - started) / 1000;
    expect(state === 'done' ? state : await page.locator('#bench-status').innerText()).toBe('done');

    const status = page.locator('[data-testid="bench-status"]');
    await expect(status.getAttribute('data-backend')).resolves.toBe('wasm');
    await expect(status.innerText()).resolves.toMatch(
      /^Ran on wasm, through Framewise's 'cpu' adapter: .*XNNPACK/u,
    );
    const progress = page.locator('[data-testid="bench-progress"]');
    await expect(progress.evaluate((p: HTMLProgressElement) => [p.value, p.max])).resolves.toEqual([
      3, 3,
    ]);

    // One bar per median, both series in every default row.
    const chart = page.locator('[data-testid="bench-chart"] svg');
    for (const series of ['framewise', 'tfjsLayers']) {
      const ms = await chart
        .locator(`rect[data-series="${series}"]`)
        .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-ms'))));
      expect(ms).toHaveLength(3);
      for (const m of ms) expect(m).toBeGreaterThan(0);
    }

    // c/a per row: a finite number; tfjs-layers' per-step loop is slower than one merged call.
    const table = page.locator('[data-testid="bench-results"]');
    const ratios = await table
      .locator('td[data-ratio]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-ratio'))));
    expect(ratios).toHaveLength(3);
    for (const r of ratios) {
      expect(Number.isFinite(r)).toBe(true);
      expect(r).toBeGreaterThan(1);
    }
    await expect(table.locator('tbody tr').count()).resolves.toBe(3);
    await expect(page.locator('.bench-error').count()).resolves.toBe(0);

    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-wasm.png'), fullPage: true });
    // The default run is meant to take a few seconds; a minute means something went wrong.
    expect(seconds).toBeLessThan(60);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('runs a row on WebGPU (SwiftShader here) and says which backend ran', async () => {
    const { page, errors } = await open();
    await page.selectOption('[data-testid="bench-backend"]', 'webgpu');
    // The Conv2D rows take many seconds per call on a software adapter: the Dense row only.
    await page.uncheck('[data-testid="bench-row-conv2d-8x12-32x32x3to32"]');
    await page.uncheck('[data-testid="bench-row-conv2d-2x64-32x32x3to32"]');
    await page.click('[data-testid="bench-run"]');
    await expect(finished(page)).resolves.toBe('done');
    const status = page.locator('[data-testid="bench-status"]');
    await expect(status.getAttribute('data-backend')).resolves.toBe('webgpu');
    await expect(status.innerText()).resolves.toMatch(
      /^Ran on WebGPU, through Framewise's 'webgpu' adapter: WebGPU adapter .*software rasterizer/su,
    );
    const ratios = await page
      .locator('[data-testid="bench-results"] td[data-ratio]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-ratio'))));
    expect(ratios).toHaveLength(1);
    expect(Number.isFinite(ratios[0])).toBe(true);
    await expect(page.locator('.bench-error').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'benchmarks-webgpu.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('stops before the next row when Stop is clicked', async () => {
    const { page, errors } = await open();
    await page.selectOption('[data-testid="bench-backend"]', 'wasm');
    await page.click('[data-testid="bench-run"]');
    // A wasm row runs synchronously, so Playwright's actionability checks (several round trips
    // with the page) could only land after the run; a click from the page's own queue lands
    // between rows, as a visitor's queued click does.
    await page.evaluate(() => document.getElementById('bench-stop')!.click());
    await expect(finished(page)).resolves.toBe('stopped');
    await expect(page.locator('#bench-progress-text').innerText()).resolves.toMatch(
      /^Stopped after \d of 3 rows\.$/u,
    );
    await expect(page.locator('[data-testid="bench-run"]').isEnabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid="bench-stop"]').isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
