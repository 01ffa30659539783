/**
 * The folder, relative to the site, holding tfjs-backend-wasm's `.wasm` files: the build copies
 * them there (build/tfjs-wasm-files.ts) and the page names it with `setWasmPaths`.
 */
export const WASM_FOLDER = 'wasm/';
