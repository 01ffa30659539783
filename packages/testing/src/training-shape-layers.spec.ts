// The umbrella package registers tfjs' gradients and its pure-JS cpu engine.
import '@tensorflow/tfjs';
import '@framewise/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  input,
  model,
  resetNames,
  timeDistributed,
  useBackend,
  type Layer,
  type Model,
} from '@framewise/core';
import * as layers from '@framewise/layers';

// One `fit` step of a small model around each shape layer on the default Node
// engine (wasm, through the cpu adapter, which adds the gradient kernels wasm
// lacks) and on tfjs' pure-JS cpu engine: a Dense before the layer gets its
// gradient through the layer, so a missing or wrong gradient kernel shows up
// as an error or as weights that differ between the engines.
//
// tfjs' per-kernel leak check (IS_TEST, on under Jest) misfires on wasm for
// fused matMul with a bias under a gradient tape (it counts the tensors the
// custom gradient saves), so it is off here and the tensor count is checked
// around each step instead.

interface Case {
  name: string;
  /** Input shape of one sample; a Dense of `width` units comes first. */
  sample: number[];
  width: number;
  layer: () => Layer;
}

const CASES: Case[] = [
  {
    name: 'MaxPooling3D',
    sample: [4, 4, 4, 2],
    width: 2,
    layer: () => layers.maxPooling3d({ poolSize: 2 }),
  },
  {
    name: 'AveragePooling3D',
    sample: [3, 4, 4, 2],
    width: 2,
    layer: () => layers.averagePooling3d({ poolSize: 2, padding: 'same' }),
  },
  {
    name: 'GlobalMaxPooling3D',
    sample: [2, 3, 3, 2],
    width: 3,
    layer: () => layers.globalMaxPooling3d(),
  },
  {
    name: 'GlobalAveragePooling3D (keepdims)',
    sample: [2, 3, 3, 2],
    width: 3,
    layer: () => layers.globalAveragePooling3d({ keepdims: true }),
  },
  {
    name: 'GlobalMaxPooling1D (keepdims)',
    sample: [5, 2],
    width: 3,
    layer: () => layers.globalMaxPooling1d({ keepdims: true }),
  },
  {
    name: 'GlobalAveragePooling2D (keepdims)',
    sample: [3, 3, 2],
    width: 3,
    layer: () => layers.globalAveragePooling2d({ keepdims: true }),
  },
  {
    name: 'Cropping1D',
    sample: [6, 2],
    width: 2,
    layer: () => layers.cropping1d({ cropping: [2, 1] }),
  },
  {
    name: 'Cropping2D',
    sample: [5, 5, 2],
    width: 2,
    layer: () =>
      layers.cropping2d({
        cropping: [
          [1, 0],
          [0, 2],
        ],
      }),
  },
  {
    name: 'Cropping3D',
    sample: [4, 4, 4, 2],
    width: 2,
    layer: () => layers.cropping3d({ cropping: 1 }),
  },
  {
    name: 'ZeroPadding1D',
    sample: [4, 2],
    width: 2,
    layer: () => layers.zeroPadding1d({ padding: [2, 1] }),
  },
  {
    name: 'ZeroPadding3D',
    sample: [2, 2, 2, 2],
    width: 2,
    layer: () =>
      layers.zeroPadding3d({
        padding: [
          [1, 1],
          [0, 0],
          [0, 2],
        ],
      }),
  },
  { name: 'UpSampling1D', sample: [3, 2], width: 2, layer: () => layers.upSampling1d({ size: 3 }) },
  {
    name: 'UpSampling3D',
    sample: [2, 2, 2, 2],
    width: 2,
    layer: () => layers.upSampling3d({ size: [2, 1, 2] }),
  },
  {
    name: 'UpSampling2D (bilinear)',
    sample: [3, 3, 2],
    width: 2,
    layer: () => layers.upSampling2d({ interpolation: 'bilinear' }),
  },
  {
    name: 'TimeDistributed(MaxPooling3D)',
    sample: [2, 2, 4, 4, 2],
    width: 2,
    layer: () => timeDistributed(layers.maxPooling3d({ poolSize: 2 })),
  },
  {
    name: 'TimeDistributed(RepeatVector)',
    sample: [3, 4],
    width: 2,
    layer: () => timeDistributed(layers.repeatVector({ n: 2 })),
  },
  { name: 'RepeatVector', sample: [4], width: 3, layer: () => layers.repeatVector({ n: 3 }) },
  {
    name: 'Permute',
    sample: [3, 4, 2],
    width: 2,
    layer: () => layers.permute({ dims: [3, 1, 2] }),
  },
];

const BATCH = 3;

function build(c: Case, weights: number[][] | undefined): Model {
  resetNames();
  const x = input({ shape: c.sample });
  const h = c.layer().apply(layers.dense({ units: c.width, activation: 'sigmoid' }).apply(x));
  const m = model({
    inputs: x,
    outputs: layers.dense({ units: 1 }).apply(layers.flatten().apply(h)),
  });
  if (weights) {
    const ts = m.getWeights().map((w, i) => tf.tensor(weights[i] ?? [], w.shape));
    m.setWeights(ts);
    tf.dispose(ts);
  }
  return m;
}

const values = (shape: number[], phase: number): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
      Math.sin(0.7 * i + phase),
    ),
    shape,
  );

/** One fit step on the active engine: the loss and every weight after it. */
async function step(c: Case, weights: number[][] | undefined) {
  const numTensors = tf.memory().numTensors;
  const m = build(c, weights);
  const before = m.getWeights().map((w) => Array.from(w.dataSync()));
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const xs = values([BATCH, ...c.sample], 0.3);
  const ys = values([BATCH, 1], 1.1);
  const history = await m.fit(xs, ys, { epochs: 1, batchSize: BATCH });
  const after = m.getWeights().map((w) => Array.from(w.dataSync()));
  tf.dispose([xs, ys]);
  m.dispose();
  expect(tf.memory().numTensors).toBe(numTensors);
  return { loss: history.history['loss']?.[0], before, after };
}

describe('one fit step through each shape layer, on wasm and on cpu', () => {
  beforeAll(() => tf.env().set('IS_TEST', false));
  afterAll(() => tf.env().set('IS_TEST', true));

  it.each(CASES)('$name trains on wasm as on cpu', async (c) => {
    await useBackend('cpu');
    expect(tf.getBackend()).toBe('wasm');
    const wasm = await step(c, undefined);
    expect(await tf.setBackend('cpu')).toBe(true);
    const cpu = await step(c, wasm.before);
    expect(typeof wasm.loss).toBe('number');
    expect(Math.abs((wasm.loss as number) - (cpu.loss as number))).toBeLessThan(1e-5);
    // The first Dense moved: its gradient came back through the layer.
    const kernel = wasm.after[0] ?? [];
    expect(kernel.some((v, j) => Math.abs(v - (wasm.before[0]?.[j] ?? v)) > 1e-7)).toBe(true);
    wasm.after.forEach((w, i) =>
      w.forEach((v, j) => expect(Math.abs(v - (cpu.after[i]?.[j] ?? NaN))).toBeLessThan(1e-5)),
    );
  });
});
