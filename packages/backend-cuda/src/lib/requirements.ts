/** The optional peer this adapter runs on. */
export const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';

/**
 * What tfjs-node-gpu 4.22 needs, from its own sources: its install script
 * downloads libtensorflow 2.9.1 for GPU (scripts/deps-constants.js), which
 * TensorFlow built against CUDA 11.2 and cuDNN 8.1; CUDA 11.x needs an
 * NVIDIA driver >= 450.80.02 on Linux. Prebuilt for linux-x64 and win32-x64 only.
 */
export const NEEDS = {
  tensorflow: '2.9.1',
  cuda: '11.2',
  cudnn: '8.1',
  driver: '450.80.02',
  libraries: 'libcudart.so.11.0, libcudnn.so.8',
  platforms: ['linux-x64', 'win32-x64'],
} as const;

/** True when `version` (dotted numbers) is at least `minimum`. */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}
