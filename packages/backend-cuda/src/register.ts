import { registerBackend } from '@framewise/core';
import { cudaBackend } from './lib/cuda-backend.js';

registerBackend(cudaBackend);
