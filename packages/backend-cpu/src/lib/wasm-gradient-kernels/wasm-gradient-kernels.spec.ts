import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-core alone registers no gradient functions; tfjs-layers' build does.
import '@tensorflow/tfjs-layers';
import { registerWasmGradientKernels } from './register.js';

type Grads = number[][];

interface Case {
  kind: 'conv2d' | 'depthwise';
  strides: readonly [number, number];
  pad: 'same' | 'valid';
  dilations: readonly [number, number];
  k: readonly [number, number, number, number];
}

const X_SHAPE: [number, number, number, number] = [2, 7, 6, 2];

/** Gradients of Σ(conv(x, w) · probe) w.r.t. x and w on one backend, read back as arrays. */
async function convGrads(backend: string, c: Case): Promise<Grads> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const xt = tf.tensor4d(
    values(
      X_SHAPE.reduce((a, b) => a * b),
      1,
    ),
    X_SHAPE,
  );
  const wt = tf.tensor4d(
    values(
      c.k.reduce((a, b) => a * b),
      2,
    ),
    [...c.k],
  );
  const f = (a: tf.Tensor, b: tf.Tensor) => {
    const strides: [number, number] = [...c.strides];
    const y =
      c.kind === 'conv2d'
        ? tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, c.pad)
        : tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, c.pad, 'NHWC', [
            ...c.dilations,
          ]);
    const probe = tf.div(tf.reshape(tf.range(1, y.size + 1), y.shape), y.size);
    return tf.sum(tf.mul(y, probe));
  };
  const grads = tf.grads(f)([xt, wt]);
  const out = await Promise.all(grads.map(async (g) => Array.from(await g.data())));
  tf.dispose([xt, wt, ...grads]);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

function values(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * 0.7);
}

function maxDiff(a: Grads, b: Grads): number {
  let m = 0;
  a.forEach((g, i) => g.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    registerWasmGradientKernels();
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('adds only the kernels tfjs-backend-wasm lacks, once', () => {
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
    expect(tf.getKernel(tf.DepthwiseConv2dNativeBackpropInput, 'wasm')).toBeDefined();
    expect(registerWasmGradientKernels()).toEqual([]);
  });

  const cases: Case[] = [
    { kind: 'conv2d', strides: [1, 1], pad: 'same', dilations: [1, 1], k: [3, 3, 2, 4] },
    { kind: 'conv2d', strides: [2, 2], pad: 'valid', dilations: [1, 1], k: [3, 2, 2, 3] },
    { kind: 'conv2d', strides: [2, 1], pad: 'same', dilations: [1, 1], k: [2, 3, 2, 1] },
    { kind: 'depthwise', strides: [1, 1], pad: 'same', dilations: [1, 1], k: [3, 3, 2, 2] },
    { kind: 'depthwise', strides: [2, 2], pad: 'valid', dilations: [1, 1], k: [3, 3, 2, 1] },
    { kind: 'depthwise', strides: [1, 2], pad: 'same', dilations: [1, 1], k: [2, 2, 2, 3] },
  ];

  it.each(cases)(
    '$kind strides $strides $pad dilations $dilations: the x and w gradients of tfjs-backend-cpu',
    async (c) => {
      const onWasm = await convGrads('wasm', c);
      const onCpu = await convGrads('cpu', c);
      expect(onWasm[1]).toHaveLength(c.k.reduce((a, b) => a * b));
      expect(maxDiff(onWasm, onCpu)).toBeLessThan(1e-5);
      expect(onWasm[1]!.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    },
  );
});
