import * as tf from '@tensorflow/tfjs-core';
import {
  BackendUnavailableError,
  DuplicateRegistrationError,
  findBackend,
  registerBackend,
} from '@framewise/core';
import { cudaBackend } from '../index.js';

const NOT_INSTALLED =
  '@tensorflow/tfjs-node-gpu is not installed: run npm install @tensorflow/tfjs-node-gpu@4.22.0 ' +
  '(Linux or Windows x86_64; it needs CUDA 11.2, cuDNN 8.1 and an NVIDIA driver >= 450.80.02)';

describe('cudaBackend', () => {
  it('registers itself on import, and a second registration is refused by name', () => {
    expect(findBackend('cuda')).toBe(cudaBackend);
    expect(cudaBackend).toMatchObject({ name: 'cuda', priority: 300 });
    expect(() => registerBackend(cudaBackend)).toThrow(DuplicateRegistrationError);
    expect(() => registerBackend(cudaBackend)).toThrow(
      "adapter 'cuda' is already registered; each name can be registered once",
    );
  });

  it('says what to install when tfjs-node-gpu is absent (it is, here)', async () => {
    await expect(cudaBackend.probe()).resolves.toEqual({
      available: false,
      engine: 'tensorflow',
      reason: NOT_INSTALLED,
    });
    await expect(cudaBackend.activate()).rejects.toThrow(BackendUnavailableError);
    await expect(cudaBackend.activate()).rejects.toThrow(
      `adapter 'cuda' is not available: ${NOT_INSTALLED}`,
    );
    expect(tf.getBackend()).toBe('cpu');
  });
});
