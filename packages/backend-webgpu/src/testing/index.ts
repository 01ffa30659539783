export { requireWebgpu } from './require-webgpu.js';
export type { WebgpuTestGate } from './require-webgpu.js';
