import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** Where tfjs-backend-wasm builds the script its threaded build's workers load. */
const CALLER = /@tensorflow\/tfjs-backend-wasm\/dist\/backend_wasm\.js$/;
/** How it builds it: from the factory function's own source text. */
const FROM_FUNCTION =
  /`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)/;

/**
 * Hands the threaded wasm build's workers the factory's original file instead of
 * `wasmFactoryThreadedSimd.toString()`. tfjs-backend-wasm (4.22) rebuilds the script each
 * worker loads from the source text of the bundled factory function; a minifier renames the
 * variables the function shares with its enclosing module (`_scriptDir` becomes `e`), so in the
 * worker, which has only the function, the threaded build failed with "e is not defined" as
 * soon as the page was cross-origin isolated. The original file is self-contained.
 */
export function tfjsWasmWorkerSource(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'framewise:tfjs-wasm-worker-source',
    apply: 'build',
    transform(code, id) {
      if (!CALLER.test(id.replace(/\\/g, '/'))) return null;
      if (!FROM_FUNCTION.test(code)) {
        this.error(
          `expected tfjs-backend-wasm's backend_wasm.js to build its worker script from ` +
            `wasmFactoryThreadedSimd.toString(); found no such expression in ${id}`,
        );
      }
      const file =
        require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
      const source = readFileSync(file, 'utf8');
      return { code: code.replace(FROM_FUNCTION, () => JSON.stringify(source)), map: null };
    },
  };
}
