export { createWebglBackend, webglBackend, TFJS_WEBGL } from './lib/webgl-backend.js';
export type { WebglBackendOptions } from './lib/webgl-backend.js';
export { isSoftwareRenderer, readWebgl } from './lib/webgl-context.js';
export type { WebglFacts } from './lib/webgl-context.js';
