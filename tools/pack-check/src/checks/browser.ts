import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { checkChromium, CHROMIUM_FLAGS, serveStatic } from '@framewise/testing';
import { rootBin, type Context } from '../context.js';
import { exec } from '../exec.js';
import { assertNone, Skip } from '../steps.js';

interface PageResult {
  webgl?: { engine: string; backend: string; software: boolean; maxAbsDiff: number };
  webgpu?: {
    engine: string;
    backend: string;
    software: boolean;
    maxAbsDiff: number;
    training?: number[];
  };
  training?: number[];
  io?: { loaded: string[]; size: number; maxAbsDiff: number; spread: number };
  examples?: { shape: number[]; sums: number[]; leaked: number };
  bench?: {
    error?: string;
    leaked?: number;
    medianMs?: Record<string, number>;
    maxAbsDiff?: Record<string, number>;
  };
  bridge?: { maxAbsDiff: number; shape: number[]; leaked: number };
  params?: number;
  shape?: (number | null)[];
  predicted?: number[];
  engine?: string;
  backend?: string;
  error?: string;
}

/** Three finite losses, the last below the first: the steps moved the weights downhill. */
function learns(losses: number[] | undefined): losses is number[] {
  if (!Array.isArray(losses) || losses.length !== 3 || !losses.every((l) => Number.isFinite(l))) {
    return false;
  }
  const [first, , last] = losses as [number, number, number];
  return last < first;
}

const fmt = (losses: number[]): string => losses.map((l) => l.toFixed(4)).join(' → ');

/**
 * A page importing @framewise/core, @framewise/layers, @framewise/io, @framewise/examples,
 * @framewise/bench and the cpu, webgpu and webgl adapters builds with Vite and, served from the
 * built files, computes the Conv2D example in headless Chromium on wasm
 * (the .wasm files of tfjs-backend-wasm are copied next to the bundle and named with
 * setWasmPaths), then moves the model to WebGL and to WebGPU (navigator.gpu; SwiftShader here)
 * and must give the same numbers within 1e-4.
 */
export async function buildAndOpenPage(context: Context): Promise<string[]> {
  const web = join(context.app, 'web');
  cpSync(join(context.fixtures, 'web'), web, { recursive: true });
  const wasmDist = join(context.app, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  mkdirSync(join(web, 'public', 'wasm'), { recursive: true });
  for (const file of readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'))) {
    cpSync(join(wasmDist, file), join(web, 'public', 'wasm', file));
  }
  // One model in each format @framewise/io writes, for the page to load by URL and File.
  const models = join(context.root, 'packages', 'io', 'fixtures', 'framewise');
  cpSync(models, join(web, 'public', 'models'), { recursive: true });
  const started = performance.now();
  const build = await exec(
    process.execPath,
    [rootBin(context, 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: web,
    },
  );
  const buildSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const warnings = (build.stdout + build.stderr)
    .split('\n')
    .filter((line) => /externalized for browser compatibility/.test(line))
    .map((line) => /Module "([^"]+)"/.exec(line)?.[1])
    .filter((name, i, all) => name && all.indexOf(name) === i);
  const notes = [`vite build: ok (${buildSeconds} s)`];
  if (warnings.length) {
    notes.push(`vite externalized ${warnings.join(', ')} (lazy Node-only imports; harmless)`);
  }

  // The Chromium and flags every browser test of the repository uses (@framewise/testing).
  const installed = checkChromium();
  if (!installed.available) {
    if (process.env['CI'] === 'true') throw new Error(installed.reason);
    throw new Skip(`${installed.reason}; the bundle built, the page did not run`);
  }
  const { server, url } = await serveStatic(join(web, 'dist'));
  const profile = mkdtempSync(join(context.work, 'chromium-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: installed.path,
    headless: true,
    args: [...CHROMIUM_FLAGS],
  });
  try {
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => logs.push(`page error: ${error.message}`));
    await page.goto(`${url}?webgpu&webgl`);
    await page.waitForFunction(() => 'packCheck' in window, null, { timeout: 90_000 });
    const result = (await page.evaluate(
      () => (window as unknown as { packCheck: unknown }).packCheck,
    )) as PageResult;
    const problems: string[] = [];
    if (result.error) problems.push(`the page threw: ${result.error}`);
    if (result.params !== 896)
      problems.push(`the page counted ${result.params} parameters, not 896`);
    if (JSON.stringify(result.shape) !== '[null,12,32,32,32]') {
      problems.push(`the page's output shape is ${JSON.stringify(result.shape)}`);
    }
    if (JSON.stringify(result.predicted) !== '[2,12,32,32,32]') {
      problems.push(`the page's predict() shape is ${JSON.stringify(result.predicted)}`);
    }
    if (result.engine !== 'wasm') {
      problems.push(`the page ran on '${result.engine}', not wasm: were the .wasm files served?`);
    }
    const gpu = result.webgpu;
    if (!gpu || gpu.backend !== 'webgpu') {
      problems.push(`the page did not switch to WebGPU: ${JSON.stringify(gpu)}`);
    } else if (!(gpu.maxAbsDiff <= 1e-4)) {
      problems.push(`WebGPU in Chromium differs from wasm by ${gpu.maxAbsDiff} (tolerance 1e-4)`);
    }
    const webgl = result.webgl;
    if (!webgl || webgl.backend !== 'webgl') {
      problems.push(`the page did not switch to WebGL: ${JSON.stringify(webgl)}`);
    } else if (!(webgl.maxAbsDiff <= 1e-4)) {
      problems.push(`WebGL in Chromium differs from wasm by ${webgl.maxAbsDiff} (tolerance 1e-4)`);
    }
    const io = result.io;
    if (
      !io ||
      io.loaded.length !== 4 ||
      io.size !== 2 * 3 * 2 ||
      !(io.maxAbsDiff === 0) ||
      !(io.spread > 0)
    ) {
      problems.push(
        `@framewise/io in Chromium: ${JSON.stringify(io)} (4 sources, equal outputs that are not all one value)`,
      );
    }
    const clips = result.examples;
    if (
      !clips ||
      JSON.stringify(clips.shape) !== '[4,4]' ||
      !clips.sums.every((sum) => Math.abs(sum - 1) < 1e-4) ||
      clips.leaked !== 0
    ) {
      problems.push(
        `@framewise/examples in Chromium: ${JSON.stringify(clips)} (shape [4,4], each row summing to 1, nothing leaked)`,
      );
    }
    const bench = result.bench;
    const medians = Object.values(bench?.medianMs ?? {});
    if (
      !bench ||
      bench.error !== undefined ||
      bench.leaked !== 0 ||
      medians.length < 4 ||
      !medians.every((ms) => ms > 0)
    ) {
      problems.push(
        `@framewise/bench in Chromium: ${JSON.stringify(bench)} (no error, nothing leaked, medians of a, a′, b and c above 0)`,
      );
    }
    const bridge = result.bridge;
    if (
      !bridge ||
      !(bridge.maxAbsDiff <= 1e-6) ||
      JSON.stringify(bridge.shape) !== '[2,6,3]' ||
      bridge.leaked !== 0
    ) {
      problems.push(
        `@framewise/tfjs-layers in Chromium: ${JSON.stringify(bridge)} (shape [2,6,3], the numbers of tfjs-layers, nothing leaked)`,
      );
    }
    for (const [where, losses] of [
      ['wasm', result.training],
      ['WebGPU', gpu?.training],
    ] as const) {
      if (!learns(losses)) {
        problems.push(
          `training on ${where} in Chromium did not lower the loss: ${JSON.stringify(losses)}`,
        );
      }
    }
    if (problems.length) problems.push(...logs);
    assertNone(problems, 'problems in the browser');
    // Each part was checked above: a missing one is a problem, and there were none.
    if (!gpu?.training || !webgl || !io || !clips || !bench || !bridge || !result.training) {
      throw new Error('the page result lost a part');
    }
    return [
      ...notes,
      `Chromium: 896 parameters, shapes right, engine ${result.engine}`,
      `Chromium WebGPU (navigator.gpu${gpu.software ? ', SwiftShader' : ''}): same numbers as wasm, max |diff| ${gpu.maxAbsDiff.toExponential(1)}`,
      `Chromium WebGL (${webgl.software ? 'SwiftShader' : 'GPU'}): same numbers as wasm, max |diff| ${webgl.maxAbsDiff.toExponential(1)}`,
      `Chromium @framewise/io: ${io.loaded.join(', ')} load and predict the same numbers`,
      `Chromium @framewise/examples: the moving-squares classifier predicts ${JSON.stringify(clips.shape)}`,
      `Chromium @framewise/bench: ${Object.entries(bench.medianMs ?? {})
        .map(([k, ms]) => `${k} ${ms.toFixed(3)} ms`)
        .join(', ')}`,
      `Chromium @framewise/tfjs-layers: accelerated TimeDistributed(Dense) equals tfjs-layers (max |diff| ${bridge.maxAbsDiff.toExponential(1)})`,
      `Chromium training (TD(Conv2D), sgd): loss ${fmt(result.training)} on wasm, ${fmt(gpu.training)} on WebGPU`,
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
