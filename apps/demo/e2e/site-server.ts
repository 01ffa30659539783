import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, CROSS_ORIGIN_ISOLATION, serveStatic } from '@framewise/testing';

const ROOT = resolve(__dirname, '../../..');

/** Where the browser specs save their screenshots (gitignored). */
export const ARTIFACTS = join(__dirname, '..', 'test-artifacts');

/** The API reference in a test build: `lenient` lets JSDoc warnings through (`npm run docs:api` checks those). */
export type ApiReference = 'lenient' | 'skip';

/**
 * Builds the site as `npm run site:build` does (Vite, then TypeDoc into `api/` unless `api` is
 * `skip`), into `outDir`. Vite runs in a child Node: it is ESM-only and this spec is compiled to
 * CommonJS.
 */
export function buildSite(outDir: string, api: ApiReference = 'lenient'): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', 'apps/demo/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          FRAMEWISE_SITE_OUT: outDir,
          FRAMEWISE_SITE_API: api,
        },
        stdio: 'pipe',
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`vite build exited with ${code}:\n${output}`)),
    );
  });
}

/** A built site, served on 127.0.0.1, and a headless Chromium to open it in. */
export interface RunningSite {
  url: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * How long a spec's setup may take to build the site (Vite, and TypeDoc for the API
 * reference): a few tens of seconds alone, minutes on a two-core machine running other
 * suites beside it.
 */
export const SITE_BUILD_MS = 300_000;

/** How the test host serves the built site. */
export interface SiteHosting {
  /** Send `CROSS_ORIGIN_ISOLATION`'s headers, as the dev and preview servers do (wasm threads). */
  crossOriginIsolated?: boolean;
}

/**
 * Builds the site into a temporary folder, serves it as a static host would, and launches
 * Chromium (`executablePath`: the one `requireChromium()` found) with the repository's flags.
 */
export async function startSite(
  executablePath: string,
  api?: ApiReference,
  hosting: SiteHosting = {},
): Promise<RunningSite> {
  const work = mkdtempSync(join(tmpdir(), 'framewise-site-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildSite(join(work, 'site'), api);
  const { server, url } = await serveStatic(
    join(work, 'site'),
    hosting.crossOriginIsolated === true ? { headers: CROSS_ORIGIN_ISOLATION } : {},
  );
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1280, height: 900 },
  });
  return {
    url,
    context,
    close: async () => {
      await context.close();
      server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
