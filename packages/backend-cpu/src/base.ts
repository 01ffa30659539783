export { cpuBackend, createCpuBackend } from './lib/cpu-backend.js';
export type { CpuBackendOptions } from './lib/cpu-backend.js';
export { registerWasmGradientKernels } from './lib/wasm-gradient-kernels/register.js';
