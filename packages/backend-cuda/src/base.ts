export { createCudaBackend, cudaBackend } from './lib/cuda-backend.js';
export type { CudaBackendOptions } from './lib/probe-cuda.js';
