import { webgpuBackend } from '@framewise/backend-webgpu';
import { requireWebgpu } from '@framewise/backend-webgpu/testing';
import { describeConformance } from './jest.js';

// Skipped with a message where WebGPU is missing; an error under CI=true.
describeConformance('webgpu', { describe: requireWebgpu().describe });
afterAll(() => webgpuBackend.release());
