import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { conformanceCases } from './lib/cases/index.js';
import { CHROMIUM_FLAGS, requireChromium } from './lib/chromium.js';
import { serveStatic } from './lib/static-server.js';
import { buildWebglPage } from './testing/webgl-page/build-page.test-helpers.js';
import type { WebglPageResult } from './testing/webgl-page/result.test-helpers.js';

// WebGL exists only in browsers: the conformance suite (the tutorial models among its cases)
// and the layer kit run in headless Chromium, on SwiftShader's WebGL 2 where there is no GPU.
// Skipped with a message where Chromium is missing; an error under CI=true.
const browser = requireChromium();

browser.describe('conformance and layer kit on webgl (headless Chromium)', () => {
  let result: WebglPageResult;

  beforeAll(async () => {
    const { server, url } = await serveStatic(await buildWebglPage());
    const context = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), 'framewise-webgl-profile-')),
      { executablePath: browser.path, headless: true, args: [...CHROMIUM_FLAGS] },
    );
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => 'webglResult' in window);
      const got = (await page.evaluate(
        () => (window as unknown as { webglResult: Promise<unknown> }).webglResult,
      )) as WebglPageResult | { error: string };
      if ('error' in got) throw new Error(`the page threw: ${got.error} ${errors.join('; ')}`);
      result = got;
    } finally {
      await context.close();
      server.close();
    }
  }, 600_000);

  it('gets WebGL 2 with float32 textures, and useBackend activates tfjs webgl', () => {
    expect(result.probe.available).toBe(true);
    expect(result.probe.details).toMatchObject({ version: 2, float32: true });
    expect(result.chosen).toBe('webgl');
    expect(result.engineAfter).toBe('webgl');
    // SwiftShader without a GPU (software); a GPU's renderer where there is one.
    const renderer = String(result.probe.details?.['renderer']);
    expect(result.probe.software).toBe(/swiftshader|llvmpipe/i.test(renderer));
  });

  it('runs every conformance case, the tutorial models among them', () => {
    // The measured differences, for the tolerances' reasons in tolerance.ts.
    console.info(
      result.conformance.map((c) => `${c.name}: ${c.maxAbsDiff.toExponential(1)}`).join('\n'),
    );
    expect(result.conformance.map((c) => c.name)).toEqual(conformanceCases.map((c) => c.name));
    expect(result.conformance.map((c) => c.name)).toEqual(
      expect.arrayContaining(['tutorial/dense-90', 'tutorial/conv2d-896']),
    );
  });

  it.each(conformanceCases.map((c) => [c.name, c] as const))('conformance case %s', (name, c) => {
    const found = result.conformance.find((r) => r.name === name);
    if (!found?.passed) throw new Error(found?.text ?? `${name} did not run`);
    // Held to the tolerance stated for WebGL, not to the default of CPU engines.
    const stated = c.tolerance.engines?.['webgl'];
    expect(stated).toBeDefined();
    expect(found.tolerance).toBe(stated);
  });

  it('passes the layer kit on every layer, except the failures the catalog expects', () => {
    expect(result.layerKit.length).toBeGreaterThan(0);
    const wrong = result.layerKit
      .filter((c) => c.skipped === undefined && c.passed === (c.expectedFailure !== undefined))
      .map((c) => `${c.title}: ${c.text}`);
    expect(wrong).toEqual([]);
  });
});
