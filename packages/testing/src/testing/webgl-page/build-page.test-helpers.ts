import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles page.test-helpers.ts for the browser (workspace packages from source) into a fresh
 * folder with an index.html, and returns the folder.
 */
export async function buildWebglPage(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'framewise-webgl-page-'));
  await build({
    entryPoints: [join(__dirname, 'page.test-helpers.ts')],
    outfile: join(out, 'page.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@framewise/source'],
    // Lazy Node-only imports in core and the adapters, never reached in a page.
    external: ['node:*'],
    logLevel: 'error',
  });
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>WebGL</title><script type="module" src="page.js"></script>\n',
  );
  return out;
}
