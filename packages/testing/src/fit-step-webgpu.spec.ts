import { webgpuBackend } from '@framewise/backend-webgpu';
import { requireWebgpu } from '@framewise/backend-webgpu/testing';
import { describeFitStep } from './testing/fit-step/describe-fit-step.test-helpers.js';

// Skipped with a message where WebGPU is missing; an error under CI=true. On SwiftShader
// (two cores) the file takes about 30 s, most of it compiling shaders on first use.
describeFitStep('webgpu', { describe: requireWebgpu().describe, timeout: 60_000 });
afterAll(() => webgpuBackend.release());
