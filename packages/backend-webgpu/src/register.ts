import { registerBackend } from '@framewise/core';
import { webgpuBackend } from './lib/webgpu-backend.js';

registerBackend(webgpuBackend);
