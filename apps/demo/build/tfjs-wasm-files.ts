import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { WASM_FOLDER } from '../src/site/wasm-folder.js';

function wasmDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/**
 * Serves and ships the `.wasm` files of `@tensorflow/tfjs-backend-wasm` under `wasm/`, as
 * tools/pack-check's page does: tfjs fetches them at run time from the folder `setWasmPaths`
 * names, so the bundler never sees them.
 */
export function tfjsWasmFiles(): Plugin {
  const dist = wasmDist();
  const files = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  return {
    name: 'framewise:tfjs-wasm-files',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        const file = files.find((f) => path.endsWith(`/${WASM_FOLDER}${f}`));
        if (!file) return next();
        response.setHeader('content-type', 'application/wasm');
        response.end(readFileSync(join(dist, file)));
      });
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `${WASM_FOLDER}${file}`,
          source: readFileSync(join(dist, file)),
        });
      }
    },
  };
}
