import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-core alone registers no gradient functions; tfjs-layers' build does.
import '@tensorflow/tfjs-layers';
import { registerWasmGradientKernels } from './register.js';

type Five = [number, number, number, number, number];

interface Case {
  x: Five;
  k: Five;
  strides: [number, number, number];
  pad: 'same' | 'valid';
}

const values = (n: number, seed: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * 0.7);
const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

/** `conv3dTranspose(x, w)` and the input gradient of `Σ conv3d(x, w) · probe`, on one backend. */
async function run(backend: string, c: Case): Promise<number[][]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const x = tf.tensor5d(values(size(c.x), 1), c.x);
    const w = tf.tensor5d(values(size(c.k), 2), c.k);
    const y = tf.conv3d(x, w, c.strides, c.pad);
    const probe = tf.div(tf.reshape(tf.range(1, y.size + 1), y.shape), y.size) as tf.Tensor5D;
    const dx = tf.grad((v: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv3d(v as tf.Tensor5D, w, c.strides, c.pad), probe)),
    )(x);
    const dw = tf.grad((v: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv3d(x, v as tf.Tensor5D, c.strides, c.pad), probe)),
    )(w);
    const transposed = tf.conv3dTranspose(probe, w, c.x, c.strides, c.pad);
    return [y, dx, dw, transposed].map((t) => Array.from(t.dataSync()));
  });
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('Conv3D, its gradients and conv3dTranspose on wasm (gradient kernels replaced)', () => {
  beforeAll(() => {
    registerWasmGradientKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases: Case[] = [
    { x: [1, 1, 1, 1, 1], k: [1, 1, 1, 1, 1], strides: [1, 1, 1], pad: 'valid' },
    { x: [2, 3, 4, 3, 2], k: [2, 2, 2, 2, 3], strides: [1, 1, 1], pad: 'same' },
    { x: [2, 4, 5, 4, 3], k: [3, 2, 3, 3, 2], strides: [2, 1, 2], pad: 'same' },
    { x: [1, 5, 4, 6, 2], k: [2, 3, 2, 2, 4], strides: [2, 2, 3], pad: 'valid' },
  ];

  it.each(cases)('equals the cpu backend for %j', async (c) => {
    const cpu = await run('cpu', c);
    const wasm = await run('wasm', c);
    const names = ['conv3d', 'input gradient', 'filter gradient', 'conv3dTranspose'];
    cpu.forEach((values, i) => {
      const worst = Math.max(...values.map((v, j) => Math.abs(v - wasm[i]![j]!)));
      // Named, so a failure says which kernel disagrees.
      expect({ kernel: names[i], worst: worst < 1e-5 }).toEqual({ kernel: names[i], worst: true });
    });
  });
});
