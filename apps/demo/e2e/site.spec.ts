import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, requireChromium } from '@framewise/testing';
import { ARTIFACTS, SITE_BUILD_MS, startSite, type RunningSite } from './site-server.js';
// placeholder

// The built site in real headless Chromium (WebGPU on SwiftShader where there is no GPU).
// Skipped with what to install where Chromium is missing; an error under CI=true.
const browser = requireChromium();

/** A page whose console errors and uncaught exceptions are collected. */
interface Watched {
  page: Page;
  errors: string[];
}

browser.describe('the site in Chromium', () => {
  let site: RunningSite;
  let url: string;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await startSite(browser.path);
    ({ url, context } = site);
  }, SITE_BUILD_MS);

  afterAll(async () => {
    await site?.close();
  });

  async function open(route: string): Promise<Watched> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${url}${route}`);
    return { page, errors };
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  /** Waits until the playground has run the model and drawn the steps. */
  async function ran(page: Page): Promise<void> {
    await page.waitForSelector('#steps [data-testid="step"] canvas', { timeout: 60_000 });
    await page.waitForFunction(
      () => !/…/u.test(document.querySelector('#run-state')?.textContent ?? '…'),
    );
  }

  const text = (page: Page, selector: string) => page.locator(selector).innerText();

  it('loads every page of the navigation without console errors', async () => {
    const { page, errors } = await open('');
    const nav = await page.locator('#site-nav a').evaluateAll((links) =>
      links.map((a) => ({
        id: (a as HTMLElement).dataset['page'] ?? '',
        href: a.getAttribute('href'),
      })),
    );
    expect(nav.map((n) => n.id)).toEqual([
      'home',
      'playground',
      'live',
      'questions',
      'benchmarks',
      'guides',
      'api',
    ]);
    await shot(page, 'home');
    for (const { id, href } of nav.filter((n) => n.id !== 'home' && n.id !== 'playground')) {
      await page.click(`[data-testid="nav-${id}"]`);
      if (id === 'api') {
        await page.waitForURL(/\/api\/index\.html$/u);
        await expect(page.title()).resolves.toContain('Framewise');
        await expect(page.locator('body').innerText()).resolves.toContain('@framewise/core');
      } else {
        await page.waitForFunction(
          (p) => document.getElementById('page')?.dataset['page'] === p,
          id,
        );
        if (id === 'questions')
          await page.waitForSelector('#page[data-ready="true"]', { timeout: 60_000 });
        if (id === 'benchmarks') await page.waitForSelector('#benchmarks-root *');
        expect(href).toBe(`#/${id}`);
      }
      await shot(page, id);
      if (id === 'api') await page.goBack();
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('renders every guide from docs/guides with its title, links rewritten to the site', async () => {
    const { page, errors } = await open('#/guides');
    const links = await page
      .locator('[data-testid="guide-list"] a')
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href')!, title: a.textContent! })),
      );
    expect(links.length).toBeGreaterThanOrEqual(5);
    expect(links[0]!.href).toMatch(/^#\/guides\//u);
    for (const { href, title } of links) {
      await page.goto(`${url}${href}`);
      await expect(text(page, '[data-testid="guide"] h1')).resolves.toBe(title);
      const hrefs = await page
        .locator('[data-testid="guide"] a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      // No link may point at a Markdown file of the repository relative to the site.
      expect(hrefs.filter((h) => /\.md(#|$)/u.test(h) && !h.startsWith('https://'))).toEqual([]);
    }
    // A heading route scrolls to the heading's GitHub-style anchor.
    await page.goto(`${url}#/guides/time-distributed/masks`);
    await expect(page.locator('[data-testid="guide"] h2#masks').isVisible()).resolves.toBe(true);
    await page.goto(`${url}#/guides/time-distributed`);
    await shot(page, 'guide-time-distributed');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('builds the 896-parameter Conv2D example in the playground and runs it on WebGPU', async () => {
    const { page, errors } = await open('#/playground?engine=webgpu');
    await ran(page);
    await expect(text(page, '#param-count')).resolves.toBe('896');
    await expect(text(page, '#output-shape')).resolves.toBe('(None, 12, 32, 32, 32)');
    await expect(text(page, '#summary table')).resolves.toMatch(/TimeDistributed[\s\S]*896/u);
    await expect(page.locator('#engine-status').getAttribute('data-engine')).resolves.toBe(
      'webgpu',
    );
    await expect(text(page, '#engine-status')).resolves.toContain('Running on WebGPU');
    await expect(page.locator('[data-testid="engine-fallback"]').count()).resolves.toBe(0);
    // Twelve steps, each an input frame and output maps; the kernel drawn once.
    await expect(page.locator('#steps [data-testid="step"]').count()).resolves.toBe(12);
    await expect(page.locator('#shared-kernel').count()).resolves.toBe(1);
    const canvases = await page.locator('#steps canvas').evaluateAll((all) =>
      all.map((c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        const grays = new Set<number>();
        for (let i = 0; i < data.length; i += 4)
          grays.add(data[i]! * 65536 + data[i + 1]! * 256 + data[i + 2]!);
        return grays.size;
      }),
    );
    // 1 kernel picture per filter shown, 12 inputs, 12 × 4 feature maps: none of them blank.
    expect(canvases.length).toBeGreaterThanOrEqual(12 * 5);
    expect(canvases.filter((colours) => colours < 3)).toEqual([]);
    await shot(page, 'playground-webgpu');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('runs the same model on wasm and says so', async () => {
    const { page, errors } = await open('#/playground?engine=wasm');
    await ran(page);
    await expect(page.locator('#engine-status').getAttribute('data-engine')).resolves.toBe('wasm');
    await expect(text(page, '#engine-status')).resolves.toContain('Running on wasm');
    await expect(text(page, '#param-count')).resolves.toBe('896');
    await shot(page, 'playground-wasm');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('switches the playground to WebGL when chosen, with the same 896 parameters', async () => {
    const { page, errors } = await open('#/playground?engine=wasm');
    await ran(page);
    await page.selectOption('#field-engine', 'webgl');
    await page.waitForFunction(
      () => document.querySelector('#engine-status')?.getAttribute('data-engine') === 'webgl',
      null,
      { timeout: 60_000 },
    );
    await ran(page);
    // SwiftShader's WebGL 2 where there is no GPU: the reason names the renderer.
    await expect(text(page, '#engine-status')).resolves.toMatch(/Running on WebGL: WebGL 2 on /u);
    await expect(page.locator('[data-testid="engine-fallback"]').count()).resolves.toBe(0);
    await expect(text(page, '#param-count')).resolves.toBe('896');
    await expect(page.locator('#steps [data-testid="step"]').count()).resolves.toBe(12);
    await shot(page, 'playground-webgl');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('falls back to wasm in a browser without WebGPU, and says why', async () => {
    const noGpu = await chromium.launch({
      executablePath: browser.path,
      headless: true,
      args: [...CHROMIUM_FLAGS.filter((f) => !/webgpu/iu.test(f)), '--disable-features=WebGPU'],
    });
    try {
      const page = await noGpu.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      await page.goto(`${url}#/playground?engine=webgpu`);
      await ran(page);
      await expect(page.locator('#engine-status').getAttribute('data-engine')).resolves.toBe(
        'wasm',
      );
      await expect(text(page, '[data-testid="engine-fallback"]')).resolves.toMatch(
        /^No WebGPU here, so the page runs on wasm instead\. Why: .*navigator\.gpu/u,
      );
      await expect(text(page, '#param-count')).resolves.toBe('896');
      await shot(page, 'playground-no-webgpu');
      expect(errors).toEqual([]);
    } finally {
      await noGpu.close();
    }
  }, 90_000);

  it('shows a typed error next to the field and keeps working', async () => {
    const { page, errors } = await open('#/playground?engine=wasm');
    await ran(page);
    await page.fill('#field-filters', '0');
    await page.waitForSelector('#error-filters:not(:empty)');
    await expect(text(page, '#error-filters')).resolves.toMatch(
      /^ConfigError: .*filters must be an integer ≥ 1, received 0/u,
    );
    await expect(text(page, '#param-count')).resolves.toBe('—');
    await shot(page, 'playground-error');
    // Conv2D takes (batch, height, width, channels): unwrapped, the 5-D input is impossible.
    await page.fill('#field-filters', '16');
    await page.uncheck('#field-wrap');
    await page.waitForSelector('#error-rest:not(:empty)');
    await expect(text(page, '#error-rest')).resolves.toMatch(/^ShapeError: /u);
    await page.check('#field-wrap');
    await page.waitForFunction(
      () => document.querySelector('#output-shape')?.textContent === '(None, 12, 32, 32, 16)',
    );
    // 3 × 3 × 3 × 16 kernel + 16 biases.
    await expect(text(page, '#param-count')).resolves.toBe(String(3 * 3 * 3 * 16 + 16));
    await expect(page.locator('.field-error:not(:empty)').count()).resolves.toBe(0);
    await ran(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows that wrapping Dense on a 3-D input changes nothing', async () => {
    const { page, errors } = await open(
      '#/playground?engine=wasm&layer=Dense&time=12&rest=8&units=10',
    );
    await ran(page);
    await expect(text(page, '#param-count')).resolves.toBe(String(8 * 10 + 10));
    await page.waitForSelector('#dense-note:not([hidden])');
    await expect(text(page, '[data-testid="dense-diff"]')).resolves.toBe('0.0e+0');
    await expect(text(page, '#dense-note')).resolves.toContain(
      '90 parameters. TimeDistributed(Dense): (None, 12, 10), 90 parameters',
    );
    await shot(page, 'playground-dense');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('answers "Why 90 and 896?" with computed figures', async () => {
    const { page, errors } = await open('#/questions');
    await page.waitForSelector('#page[data-ready="true"]', { timeout: 60_000 });
    await expect(text(page, '[data-testid="dense-plain-params"]')).resolves.toBe('90');
    await expect(text(page, '[data-testid="dense-wrapped-params"]')).resolves.toBe('90');
    for (const steps of ['1', '12', '100', 'None']) {
      await expect(text(page, `[data-testid="conv-params-${steps}"]`)).resolves.toBe('896');
    }
    await expect(text(page, '#question-mask-rcnn')).resolves.toContain('(None, 50, 28, 28, 81)');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
