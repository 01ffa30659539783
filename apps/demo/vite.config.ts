import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { apiReference } from './build/api-reference.js';
import { docsContent } from './build/docs-content.js';
import { tfjsWasmFiles } from './build/tfjs-wasm-files.js';
import { tfjsWasmWorkerSource } from './build/tfjs-wasm-worker-source.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));
// Cross-origin isolation lets tfjs-backend-wasm run its threaded build (SharedArrayBuffer).
// Static hosts need the same two headers for threads; without them wasm runs on one thread.
const isolated = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Framewise site: one page (hash routes) plus the TypeDoc reference under `api/`.
 * `npm run site` serves it, `npm run site:build` writes `apps/demo/dist`, which any static host
 * serves (relative `base`, so it works from a sub-folder too).
 */
export default defineConfig({
  root: here,
  base: './',
  // Workspace packages resolve to their TypeScript sources: the site needs no package build.
  resolve: { conditions: ['@framewise/source', ...defaultClientConditions] },
  server: {
    host: '127.0.0.1',
    headers: isolated,
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
  },
  preview: { host: '127.0.0.1', headers: isolated },
  build: {
    outDir: process.env['FRAMEWISE_SITE_OUT'] ?? 'dist',
    emptyOutDir: true,
    // tfjs and the layers make one large chunk on purpose: the site is a tool, not a landing page.
    chunkSizeWarningLimit: 4096,
    // Typed errors name themselves with `new.target.name` (ConfigError, ShapeError ...), which the
    // playground shows beside the field: minifying must not rename the classes.
    rolldownOptions: { output: { keepNames: true } },
  },
  plugins: [
    tfjsWasmFiles(),
    tfjsWasmWorkerSource(),
    apiReference(),
    // The guides and the benchmarks page's committed results, from the repository's docs/.
    docsContent({
      guides: `${repository}docs/guides`,
      benchmarks: `${repository}docs/benchmarks.md`,
    }),
  ],
});
