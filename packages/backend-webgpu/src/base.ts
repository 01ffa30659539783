export { createWebgpuBackend, webgpuBackend } from './lib/webgpu-backend.js';
export type { WebgpuBackendAdapter, WebgpuBackendOptions } from './lib/webgpu-backend.js';
