import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import {
  input,
  model,
  resetNames,
  timeDistributed,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import {
  average,
  centerCrop,
  dense,
  dot,
  maximum,
  minimum,
  normalization,
  rescaling,
  resizing,
  subtract,
} from './index.js';

// One `fit` step through every merge and preprocessing layer, on tfjs' pure-JS
// `cpu` backend and on `wasm` (what @framewise/backend-cpu runs in Node): the
// layer sits between trainable Dense layers, so its gradient must exist on
// both backends and agree between them.

type Build = () => Model;

function twoBranches(merge: (a: SymbolicTensor, b: SymbolicTensor) => SymbolicTensor): Build {
  return () => {
    const x = input({ shape: [4] });
    const a = dense({ units: 3 }).apply(x);
    const b = dense({ units: 3, activation: 'tanh' }).apply(x);
    return model({ inputs: x, outputs: dense({ units: 2 }).apply(merge(a, b)) });
  };
}

function image(
  layer: () => { apply(x: SymbolicTensor): SymbolicTensor },
  distributed = false,
): Build {
  return () => {
    const x = input({ shape: distributed ? [2, 5, 6, 2] : [5, 6, 2] });
    const features = dense({ units: 3 }).apply(x);
    const inner = layer();
    const y = distributed
      ? (timeDistributed(inner as never).apply(features) as SymbolicTensor)
      : inner.apply(features);
    return model({ inputs: x, outputs: dense({ units: 1 }).apply(y) });
  };
}

const CASES: [string, Build, number[], number[]][] = [
  ['Subtract', twoBranches((a, b) => subtract().apply([a, b]) as SymbolicTensor), [6, 4], [6, 2]],
  ['Average', twoBranches((a, b) => average().apply([a, b]) as SymbolicTensor), [6, 4], [6, 2]],
  ['Maximum', twoBranches((a, b) => maximum().apply([a, b]) as SymbolicTensor), [6, 4], [6, 2]],
  ['Minimum', twoBranches((a, b) => minimum().apply([a, b]) as SymbolicTensor), [6, 4], [6, 2]],
  [
    'Dot (normalize)',
    twoBranches((a, b) => dot({ axes: -1, normalize: true }).apply([a, b]) as SymbolicTensor),
    [6, 4],
    [6, 2],
  ],
  ['Rescaling', twoBranches((a) => rescaling({ scale: 0.5, offset: 1 }).apply(a)), [6, 4], [6, 2]],
  [
    'Normalization (adapted)',
    twoBranches((a) => {
      const n = normalization();
      n.adapt(
        tf.tensor2d([
          [1, 2, 3],
          [3, 6, 9],
        ]),
      );
      return n.apply(a);
    }),
    [6, 4],
    [6, 2],
  ],
  [
    'Resizing (bilinear)',
    image(() => resizing({ height: 3, width: 4 })),
    [2, 5, 6, 2],
    [2, 3, 4, 1],
  ],
  [
    'Resizing (nearest, cropToAspectRatio)',
    image(() =>
      resizing({ height: 4, width: 4, interpolation: 'nearest', cropToAspectRatio: true }),
    ),
    [2, 5, 6, 2],
    [2, 4, 4, 1],
  ],
  [
    'CenterCrop (crop)',
    image(() => centerCrop({ height: 3, width: 3 })),
    [2, 5, 6, 2],
    [2, 3, 3, 1],
  ],
  [
    'CenterCrop (smaller: resize)',
    image(() => centerCrop({ height: 6, width: 6 })),
    [2, 5, 6, 2],
    [2, 6, 6, 1],
  ],
  [
    'TimeDistributed(Resizing)',
    image(() => resizing({ height: 3, width: 3 }), true),
    [2, 2, 5, 6, 2],
    [2, 2, 3, 3, 1],
  ],
];

const data = (shape: number[], seed: number): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
      Math.sin(0.7 * i + seed),
    ),
    shape,
  );

/** One fit step from `start` weights on the active backend: the loss and the weights after it. */
async function oneStep(
  build: Build,
  start: Float32Array[] | undefined,
  xShape: number[],
  yShape: number[],
): Promise<{ loss: number; before: Float32Array[]; after: Float32Array[]; frozen: boolean }> {
  resetNames();
  const m = build();
  if (start) m.setWeights(m.getWeights().map((w, i) => tf.tensor(start[i]!, w.shape)));
  const before = m.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  const frozen = m.nonTrainableWeights.map((w) => w.value.dataSync().slice());
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const [x, y] = [data(xShape, 0.3), data(yShape, 1.1)];
  // tfjs' test-mode leak check misreads what fused.matMul's gradient keeps on wasm (see cell-loop.wasm.spec.ts).
  const checking = tf.env().getBool('IS_TEST');
  tf.env().set('IS_TEST', false);
  const history = await m.fit(x, y, {
    epochs: 1,
    batchSize: xShape[0],
    shuffle: false,
    verbose: 0,
  });
  tf.env().set('IS_TEST', checking);
  const after = m.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  const stillFrozen = m.nonTrainableWeights.every((w, i) =>
    w.value.dataSync().every((v, k) => v === frozen[i]![k]),
  );
  tf.dispose([x, y]);
  m.dispose();
  return { loss: history.history['loss']![0]!, before, after, frozen: stillFrozen };
}

describe('one fit step through the merge and preprocessing layers, on cpu and on wasm', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)(
    '%s trains on both backends, with the same loss and update',
    async (_, build, xs, ys) => {
      expect(await tf.setBackend('cpu')).toBe(true);
      const cpu = await oneStep(build, undefined, xs, ys);
      expect(await tf.setBackend('wasm')).toBe(true);
      const wasm = await oneStep(build, cpu.before, xs, ys);
      expect(Number.isFinite(cpu.loss)).toBe(true);
      expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-4 * Math.max(1, cpu.loss));
      // The first Dense sits before the layer: it moves only if the gradient went through.
      const first = cpu.after[0]!;
      expect(first.some((v, k) => v !== cpu.before[0]![k])).toBe(true);
      cpu.after.forEach((w, i) =>
        w.forEach((v, k) => expect(Math.abs(v - wasm.after[i]![k]!)).toBeLessThan(1e-4)),
      );
      expect(cpu.frozen && wasm.frozen).toBe(true);
    },
  );
});
