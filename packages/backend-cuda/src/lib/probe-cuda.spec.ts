import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { fakePackage, removeFakePackages } from '@framewise/backend-cpu/testing';
import {
  fakeNvidiaSmi,
  fakeProcDriver,
  nowhere,
  removeFakeDrivers,
} from '../testing/nvidia-driver.test-helpers.js';
import { createCudaBackend } from './cuda-backend.js';
import type { CudaBackendOptions } from './probe-cuda.js';

// Real packages on disk stand for @tensorflow/tfjs-node-gpu, which cannot be installed
// here, and real executables and folders for the NVIDIA driver.
const fakeNodeGpu = (indexJs: string): string =>
  fakePackage('@tensorflow/tfjs-node-gpu', '4.22.0', indexJs);

// Loads like the real package on a machine where TensorFlow finds no GPU.
const CPU_ONLY = `
  const backend = { isUsingGpuDevice: false, binding: { TF_Version: '2.9.1' } };
  module.exports = {
    findBackend: (name) => (name === 'tensorflow' ? backend : null),
    version: { 'tfjs-core': '4.22.0', 'tfjs-node': '4.22.0' },
  };
`;
const H100 = 'GPU 0: NVIDIA H100 80GB HBM3';
const withH100 = (driver = '580.159.04'): Partial<CudaBackendOptions> => ({
  nvidiaSmi: fakeNvidiaSmi(`0, NVIDIA H100 80GB HBM3, ${driver}\n`),
});
const probe = (options: CudaBackendOptions) =>
  createCudaBackend({ platform: 'linux-x64', env: {}, ...options }).probe();

describe('cuda probe with tfjs-node-gpu on disk', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
    if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
    delete (globalThis as { fakeNodeGpuHost?: unknown }).fakeNodeGpuHost;
  });
  afterAll(() => {
    removeFakePackages();
    removeFakeDrivers();
  });

  it('names CUDA 11.2 and cuDNN 8.1 when the addon cannot find libcudart', async () => {
    const resolveFrom = fakeNodeGpu(`
      const error = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
      error.code = 'ERR_DLOPEN_FAILED';
      throw error;
    `);
    await expect(probe({ resolveFrom })).resolves.toEqual({
      available: false,
      engine: 'tensorflow',
      reason:
        '@tensorflow/tfjs-node-gpu 4.22.0 is installed but failed to load: libcudart.so.11.0: ' +
        'cannot open shared object file: No such file or directory. Install CUDA 11.2 and cuDNN 8.1 ' +
        '(tfjs-node-gpu 4.22 runs TensorFlow 2.9.1, built against them) and add their lib folders ' +
        'to LD_LIBRARY_PATH (PATH on Windows)',
    });
  });

  it('asks for a rebuild when the install never fetched libtensorflow', async () => {
    const resolveFrom = fakeNodeGpu(`
      throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');
    `);
    expect((await probe({ resolveFrom })).reason).toBe(
      '@tensorflow/tfjs-node-gpu 4.22.0 is installed but failed to load: libtensorflow.so.2: cannot ' +
        'open shared object file: No such file or directory. Its install may not have finished (it ' +
        'downloads libtensorflow 2.9.1 for GPU): run npm rebuild @tensorflow/tfjs-node-gpu, with ' +
        'CUDA 11.2 and cuDNN 8.1 on LD_LIBRARY_PATH',
    );
  });

  it('tells "no driver" from "no GPU" from "GPU not used" when TensorFlow runs on the CPU', async () => {
    const resolveFrom = fakeNodeGpu(CPU_ONLY);
    const head = '@tensorflow/tfjs-node-gpu loaded, but';
    expect(
      (await probe({ resolveFrom, nvidiaSmi: nowhere(), procDriverDir: nowhere() })).reason,
    ).toBe(
      `${head} TensorFlow found no CUDA device and no NVIDIA driver is running (nvidia-smi did not ` +
        'answer, /proc/driver/nvidia is missing): install an NVIDIA driver >= 450.80.02 on a machine ' +
        'with an NVIDIA GPU, or give the container the GPU (docker run --gpus all)',
    );
    const noGpu = fakeProcDriver(
      'NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC 2024\n',
      [],
    );
    expect((await probe({ resolveFrom, nvidiaSmi: nowhere(), procDriverDir: noGpu })).reason).toBe(
      `${head} TensorFlow found no CUDA device, and NVIDIA driver 550.54.15 lists no GPU: attach ` +
        'one to this machine or container (docker run --gpus all)',
    );
    expect((await probe({ resolveFrom, ...withH100() })).reason).toBe(
      `${head} TensorFlow did not use ${H100}: it needs the CUDA 11.2 and cuDNN 8.1 libraries ` +
        '(libcudart.so.11.0, libcudnn.so.8) on LD_LIBRARY_PATH with NVIDIA driver 580.159.04; ' +
        `TensorFlow's "Could not load dynamic library" lines above name the missing one`,
    );
    expect((await probe({ resolveFrom, ...withH100('440.33') })).reason).toBe(
      `${head} TensorFlow did not use ${H100}: NVIDIA driver 440.33 is older than 450.80.02, the ` +
        'oldest CUDA 11.2 runs on: update the driver',
    );
    const hidden = { ...withH100(), env: { CUDA_VISIBLE_DEVICES: '-1' } };
    expect((await probe({ resolveFrom, ...hidden })).reason).toBe(
      `${head} TensorFlow did not use ${H100}: CUDA_VISIBLE_DEVICES='-1' hides them; unset ` +
        'CUDA_VISIBLE_DEVICES or set it to a GPU index',
    );
    expect((await probe({ resolveFrom, platform: 'darwin-arm64' })).reason).toBe(
      `${head} it has no CUDA build for darwin-arm64 (only linux-x64 and win32-x64), so ` +
        'TensorFlow runs on the CPU: use @framewise/backend-cpu here',
    );
  });

  it('notices a tfjs-node-gpu whose backend lives in another copy of tfjs-core', async () => {
    const resolveFrom = fakeNodeGpu(`
      const backend = { isUsingGpuDevice: true, binding: { TF_Version: '2.9.1' } };
      module.exports = {
        findBackend: (name) => (name === 'tensorflow' ? backend : null),
        version: { 'tfjs-core': '4.21.0' },
      };
    `);
    expect((await probe({ resolveFrom, ...withH100() })).reason).toBe(
      '@tensorflow/tfjs-node-gpu 4.22.0 registered its backend with another copy of ' +
        '@tensorflow/tfjs-core (4.21.0; this app uses 4.22.0): run npm install ' +
        '@tensorflow/tfjs-node-gpu@4.22.0 so they share one',
    );
  });

  it('runs on the GPU when TensorFlow uses one, switching backends only on activate', async () => {
    (globalThis as { fakeNodeGpuHost?: unknown }).fakeNodeGpuHost = { tf, MathBackendCPU };
    const resolveFrom = fakeNodeGpu(`
      const { tf, MathBackendCPU } = globalThis.fakeNodeGpuHost;
      const gpu = { isUsingGpuDevice: true, binding: { TF_Version: '2.9.1' } };
      tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), gpu), 3);
      tf.setBackend('tensorflow'); // the real package switches on import, too
      module.exports = { findBackend: tf.findBackend, version: { 'tfjs-core': tf.version_core } };
    `);
    const adapter = createCudaBackend({ resolveFrom, env: {}, ...withH100() });
    const expected = {
      available: true,
      engine: 'tensorflow',
      reason: `TensorFlow 2.9.1 on ${H100} through @tensorflow/tfjs-node-gpu 4.22.0`,
      details: {
        package: '@tensorflow/tfjs-node-gpu',
        version: '4.22.0',
        tensorflow: '2.9.1',
        gpus: H100,
        driver: '580.159.04',
      },
    };
    await expect(adapter.probe()).resolves.toEqual(expected);
    expect(tf.getBackend()).toBe('cpu');
    await expect(adapter.activate()).resolves.toEqual(expected);
    expect(tf.getBackend()).toBe('tensorflow');
  });
});
