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
    expect(tf.getKernel(tf.UnsortedSegmentSum, 'wasm')).toBeDefined();
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

/** The gradient of Σ(f(x) · probe) w.r.t. x on one backend, probe = 1, 2, 3 … (distinct per output). */
async function probeGrad(
  backend: string,
  x: number[],
  shape: number[],
  f: (t: tf.Tensor) => tf.Tensor,
) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const xt = tf.tensor(x, shape);
  const g = tf.grad((t: tf.Tensor) => {
    const y = f(t);
    return tf.sum(tf.mul(y, tf.reshape(tf.range(1, y.size + 1), y.shape)));
  })(xt);
  const out = Array.from(await g.data());
  tf.dispose([xt, g]);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('wasm gradient kernels that replace wrong ones, and UnsortedSegmentSum', () => {
  beforeAll(() => {
    registerWasmGradientKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    { pad: 'valid' as const, strides: 2 },
    { pad: 'same' as const, strides: 1 },
    { pad: 'same' as const, strides: 2 },
  ])('MaxPoolGrad ($pad, strides $strides): the input gradient of tfjs-backend-cpu', async (c) => {
    const x = values(2 * 5 * 4 * 1, 3);
    const f = (t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, 2, c.strides, c.pad);
    const onWasm = await probeGrad('wasm', x, [2, 5, 4, 1], f);
    const onCpu = await probeGrad('cpu', x, [2, 5, 4, 1], f);
    expect(maxDiff([onWasm], [onCpu])).toBe(0);
  });

  it('ResizeNearestNeighborGrad: each input pixel gets the sum of the pixels copied from it, every sample', async () => {
    // Up-sampling [2, 2, 2, 1] by 2×3: input pixel (b, r, c) is copied to rows 2r, 2r+1 and
    // columns 3c … 3c+2 of [2, 4, 6, 1], whose probe values are 1 + b·24 + row·6 + column.
    const expected = [0, 1].flatMap((b) =>
      [0, 1].flatMap((r) =>
        [0, 1].map((c) => {
          let sum = 0;
          for (let i = 2 * r; i < 2 * r + 2; i++) {
            for (let j = 3 * c; j < 3 * c + 3; j++) sum += 1 + b * 24 + i * 6 + j;
          }
          return sum;
        }),
      ),
    );
    const f = (t: tf.Tensor) => tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [4, 6]);
    const x = values(8, 4);
    expect(await probeGrad('wasm', x, [2, 2, 2, 1], f)).toEqual(expected);
    expect(await probeGrad('cpu', x, [2, 2, 2, 1], f)).toEqual(expected);
  });

  it('ResizeNearestNeighborGrad with alignCorners: wasm and cpu agree', async () => {
    const f = (t: tf.Tensor) => tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [5, 4], true);
    const x = values(2 * 3 * 3 * 2, 5);
    const onWasm = await probeGrad('wasm', x, [2, 3, 3, 2], f);
    expect(onWasm).toEqual(await probeGrad('cpu', x, [2, 3, 3, 2], f));
  });

  it('UnsortedSegmentSum: the gradient of gather (Embedding), and ids out of range dropped', async () => {
    const table = values(10 * 3, 6);
    const ids = tf.tensor2d(
      [
        [1, 4, 1],
        [0, 9, 4],
      ],
      [2, 3],
      'int32',
    );
    const f = (t: tf.Tensor) => tf.gather(t, ids);
    const onWasm = await probeGrad('wasm', table, [10, 3], f);
    expect(onWasm).toEqual(await probeGrad('cpu', table, [10, 3], f));
    expect(onWasm.slice(3, 6)).toEqual([1 + 7, 2 + 8, 3 + 9]);
    tf.dispose(ids);

    await tf.setBackend('wasm');
    const sums = tf.unsortedSegmentSum(
      tf.tensor2d([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tf.tensor1d([2, -1, 2], 'int32'),
      3,
    );
    expect(await sums.array()).toEqual([
      [0, 0],
      [0, 0],
      [6, 8],
    ]);
    sums.dispose();
  });
});
