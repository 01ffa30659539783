import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, requireChromium } from '@framewise/testing';
import { ARTIFACTS, SITE_BUILD_MS, startSite, type RunningSite } from './site-server.js';
// placeholder

// The Live page in real headless Chromium: Chromium's own fake camera (a moving test pattern),
// and a browser that refuses the camera, where the page must fall back to generated clips.
const browser = requireChromium();

const CLASSES = ['left', 'right', 'up', 'down'];
/** Chromium's test camera: a device that plays a generated picture. */
const FAKE_CAMERA = '--use-fake-device-for-media-stream';

browser.describe('the Live page in Chromium', () => {
  let site: RunningSite;

  beforeAll(async () => {
    site = await startSite(browser.path, 'skip');
  }, SITE_BUILD_MS);

  afterAll(async () => {
    await site?.close();
  });

  /** Opens the Live page in a browser started with `flags`; page errors are collected. */
  async function openLive(
    flags: string[],
  ): Promise<{ chrome: Browser; page: Page; errors: string[] }> {
    const chrome = await chromium.launch({
      executablePath: browser.path,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...flags],
    });
    const page = await chrome.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    await page.goto(`${site.url}#/live`);
    return { chrome, page, errors };
  }

  /** Waits for `frames` classified frames and returns the table's rows, newest first. */
  async function classified(page: Page, frames: number) {
    await page.waitForFunction(
      (n) => Number(document.querySelector('#live-count')?.textContent ?? 0) >= n,
      frames,
      { timeout: 90_000 },
    );
    return page.locator('[data-testid="live-frame-row"]').evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...r.querySelectorAll('td')].map((td) => td.textContent ?? '');
        return { frame: Number(cells[0]), name: cells[1], truth: cells[3], time: cells[4] };
      }),
    );
  }

  function expectFrames(rows: { frame: number; name?: string; time?: string }[]): void {
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      expect(CLASSES).toContain(row.name);
      expect(row.time).toMatch(/^\d+\.\d ms$/u);
    }
    // Newest first, one row per frame.
    rows.slice(1).forEach((r, i) => expect(r.frame).toBe((rows[i]?.frame ?? 0) - 1));
  }

  it('classifies the camera frame by frame, showing the class and the time of each', async () => {
    const { chrome, page, errors } = await openLive([
      FAKE_CAMERA,
      '--use-fake-ui-for-media-stream',
    ]);
    try {
      const rows = await classified(page, 12);
      await expect(page.locator('#live-source').getAttribute('data-source')).resolves.toBe(
        'camera',
      );
      await expect(page.locator('#live-source').innerText()).resolves.toBe('Watching your camera.');
      expectFrames(rows);
      // The camera's picture plays on the page beside what the classifier sees.
      const playing = await page
        .locator('.live-picture video')
        .evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && !v.paused);
      expect(playing).toBe(true);
      await expect(page.locator('#live-class').innerText()).resolves.toMatch(
        /^(left|right|up|down)$/u,
      );
      await expect(page.locator('#live-ms').innerText()).resolves.toMatch(/^\d+\.\d ms$/u);
      await expect(page.locator('#live-mode').innerText()).resolves.toMatch(
        /^Streamed in window mode: each frame, the classifier sees the last 8 frames/u,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'live-camera.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await chrome.close();
    }
  }, 120_000);

  it('falls back to generated clips when the camera is refused, and says why', async () => {
    // A camera exists, but the browser answers every permission request with a refusal.
    const { chrome, page, errors } = await openLive([FAKE_CAMERA, '--deny-permission-prompts']);
    try {
      const rows = await classified(page, 24);
      await expect(page.locator('#live-source').getAttribute('data-source')).resolves.toBe('clip');
      await expect(page.locator('#live-source').innerText()).resolves.toBe(
        'Watching generated clips of moving squares: permission to use the camera was refused.',
      );
      await expect(page.locator('.live-picture video').count()).resolves.toBe(0);
      expectFrames(rows);
      // The clips say which way their square moves; the trained classifier gets most whole
      // clips (a window that holds exactly one) right.
      for (const row of rows) expect(CLASSES).toContain(row.truth);
      const [right = 0, seen = 0] = (await page.locator('#live-clips-right').innerText())
        .split(' of ')
        .map(Number);
      expect(seen).toBeGreaterThanOrEqual(3);
      expect(right / seen).toBeGreaterThanOrEqual(0.75);
      await page.screenshot({ path: join(ARTIFACTS, 'live-clip.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await chrome.close();
    }
  }, 120_000);
});
