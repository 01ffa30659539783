// Every "what to do" sentence lives here, so probe reasons and errors give the same advice.

/** The peer package that holds tfjs' WebGL kernels. */
export const TFJS_WEBGL_PACKAGE = '@tensorflow/tfjs-backend-webgl';

/** Node (and other runtimes without a canvas) cannot make a WebGL context. */
export const NO_WEBGL_IN_NODE =
  "no WebGL context in Node: WebGL exists only in browsers (in Node use 'cpu', or 'webgpu' through Dawn)";

/** A runtime that is neither a browser page, a worker with OffscreenCanvas, nor Node. */
export const NO_CANVAS =
  'this runtime has neither document nor OffscreenCanvas, so it cannot make a WebGL context';

/** The browser refused both WebGL 2 and WebGL 1. */
export const BROWSER_WITHOUT_WEBGL =
  'this browser gave no WebGL context: WebGL is turned off or the GPU is blocklisted ' +
  "(chrome://gpu says which); the 'cpu' adapter (wasm) runs everywhere";

/** `import('@tensorflow/tfjs-backend-webgl')` failed. */
export function tfjsWebglMissing(message: string): string {
  return `${TFJS_WEBGL_PACKAGE} did not load (${message}): run npm install ${TFJS_WEBGL_PACKAGE}@4.22.0`;
}
