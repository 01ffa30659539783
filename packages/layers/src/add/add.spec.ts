import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  resetNames,
  ShapeError,
  SymbolicTensor,
  timeDistributed,
  type TimeDistributedStrategy,
} from '@framewise/core';
import { embedding } from '../embedding/embedding.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  boolValues,
  expectNoLeak,
  MaskRecorder,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { Add, add, addPlugin } from './add.js';

beforeEach(() => resetNames());

const shapeCases: number[][][] = [
  [
    [2, 3, 4],
    [2, 3, 4],
  ],
  [
    [2, 3, 4],
    [2, 1, 4],
    [2, 3, 1],
  ],
  // Lower rank: expanded at axis 1, so per-sample values meet every step.
  [
    [2, 3, 4],
    [2, 4],
  ],
  [
    [2, 4],
    [2, 3, 4],
  ],
];

describe('Add', () => {
  it.each(shapeCases.map((shapes) => [JSON.stringify(shapes), shapes] as const))(
    'equals tfjs-layers Add on %s',
    (_, shapes) => {
      const xs = shapes.map((s) => tf.randomNormal(s));
      const ours = add().apply(xs) as tf.Tensor;
      const ref = tfl.layers.add({}).apply(xs) as tf.Tensor;
      expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-6);
    },
  );

  it('infers shapes as tfjs-layers does, null sizes included', () => {
    const cases: (number | null)[][][] = [
      [
        [null, 3, 4],
        [null, 3, 4],
      ],
      [
        [null, null, 4],
        [null, 3, 4],
      ],
      [
        [null, 1, 4],
        [null, 3, 1],
      ],
      [
        [5, 3, 4],
        [null, 4],
      ],
      [
        [null, 3, 4],
        [null, 4],
        [null, 1, 1],
      ],
    ];
    for (const shapes of cases) {
      expect(new Add().computeOutputShape(shapes)).toEqual(
        tfl.layers.add({}).computeOutputShape(shapes as number[][]),
      );
    }
    const [a, b] = [input({ shape: [null, 4] }), input({ shape: [4] })];
    expect((add().apply([a, b]) as SymbolicTensor).shape).toEqual([null, null, 4]);
  });

  it("takes tfjs-layers' forms: add() makes a layer, add([a, b]) applies one", () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [3] });
    const y = add([a, b]);
    expect(y).toBeInstanceOf(SymbolicTensor);
    expect(y.shape).toEqual([null, 3]);
    expect(y.sourceLayer).toBeInstanceOf(Add);
    const sum = add([tf.ones([1, 2]), tf.ones([1, 2])]);
    expect(Array.from(sum.dataSync())).toEqual([2, 2]);
    const layer = add({ name: 'plus' });
    expect(layer.name).toBe('plus');
    layer.apply([a, b]);
    const reference = tfl.layers.add({});
    reference.apply([tfl.input({ shape: [3] }), tfl.input({ shape: [3] })]);
    expect(layer.countParams()).toBe(reference.countParams());
  });

  it('refuses shapes that do not broadcast, naming both inputs, and single inputs', () => {
    const layer = add({ name: 'plus' });
    expect(() => layer.apply([input({ shape: [3, 4] }), input({ shape: [3, 5] })])).toThrow(
      ShapeError,
    );
    expect(() => layer.apply([input({ shape: [3, 4] }), input({ shape: [3, 5] })])).toThrow(
      /plus: input 0 \(None, 3, 4\) and input 1 \(None, 3, 5\) do not broadcast together: axis -1 has sizes 4 and 5/,
    );
    expect(() =>
      add().apply([input({ shape: [4] }), input({ shape: [4] }), input({ shape: [2, 3] })]),
    ).toThrow(/input 0 \(None, 4\) and input 2 \(None, 2, 3\) do not broadcast together/);
    expect(() =>
      add({ name: 'plus' }).apply([input({ batchShape: [2, 4] }), input({ batchShape: [3, 4] })]),
    ).toThrow(
      /plus: inputs must share their batch size, received input 0 \(2, 4\) and input 1 \(3, 4\)/,
    );
    expect(() => add({ name: 'plus' }).apply(input({ shape: [4] }))).toThrow(
      /plus: expected a list of at least 2 inputs, received one input \(None, 4\)/,
    );
    expect(() => add().apply([input({ shape: [4] })])).toThrow(
      /expected a list of at least 2 inputs, received 1 input\(s\) \(None, 4\)/,
    );
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const config = add({ name: 'plus' }).getConfig();
    expect(config).toEqual({ name: 'plus', trainable: true, dtype: 'float32' });
    expect(addPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
    expect(Object.keys(config).sort()).toEqual(referenceConfigKeys(tfl.layers.add({})));
  });

  it('leaks no tensors, masks included', () => {
    const layer = add();
    const xs = [tf.ones([2, 3, 4]), tf.ones([2, 4])];
    expectNoLeak(() => layer.apply(xs) as tf.Tensor);
    const masks = [tf.ones([2, 3], 'bool'), tf.ones([2], 'bool')];
    expectNoLeak(() => layer.computeMask(xs, masks) as tf.Tensor);
  });
});

describe('TimeDistributed(Add)', () => {
  const strategies: TimeDistributedStrategy[] = ['reshape', 'loop'];

  it.each(strategies)(
    'adds distributed inputs step by step (%s), as tfjs-layers Add on the sequences',
    (strategy) => {
      const [a, b] = [input({ shape: [null, 4] }), input({ shape: [null, 4] })];
      const td = timeDistributed(add(), { strategy });
      const m = model({ inputs: [a, b], outputs: td.apply([a, b]) as SymbolicTensor });
      const xs = [tf.randomNormal([2, 5, 4]), tf.randomNormal([2, 5, 4])];
      const expected = tfl.layers.add({}).apply(xs) as tf.Tensor;
      expect(maxAbsDiff(m.predict(xs) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-6);
    },
  );

  it.each(strategies)(
    'adds a broadcast [batch, features] input to every step (%s), as tfjs-layers Add with a lower-rank input',
    (strategy) => {
      const [seq, meta] = [input({ shape: [null, 4] }), input({ shape: [4] })];
      const td = timeDistributed(add(), { strategy, broadcastInputs: [1] });
      const y = td.apply([seq, meta]) as SymbolicTensor;
      expect(y.shape).toEqual([null, null, 4]);
      const m = model({ inputs: [seq, meta], outputs: y });
      const xs = [tf.randomNormal([3, 5, 4]), tf.randomNormal([3, 4])];
      const expected = tfl.layers.add({}).apply(xs) as tf.Tensor;
      expect(maxAbsDiff(m.predict(xs) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-6);
    },
  );
});

describe('masks of merge layers', () => {
  const idsA = [
    [1, 2, 0, 3],
    [0, 4, 5, 0],
  ];
  const idsB = [
    [1, 0, 2, 3],
    [0, 4, 5, 6],
  ];
  const both = idsA.flat().map((v, i) => v !== 0 && idsB.flat()[i] !== 0);

  function masked() {
    const [a, b] = [input({ shape: [4], dtype: 'int32' }), input({ shape: [4], dtype: 'int32' })];
    const ea = embedding({ inputDim: 7, outputDim: 3, maskZero: true }).apply(a);
    const eb = embedding({ inputDim: 7, outputDim: 3, maskZero: true }).apply(b);
    const plain = embedding({ inputDim: 7, outputDim: 3 }).apply(b);
    const data = [tf.tensor2d(idsA, [2, 4], 'int32'), tf.tensor2d(idsB, [2, 4], 'int32')];
    return { a, b, ea, eb, plain, data };
  }

  it('combine the masks of all inputs as Keras does: a step counts where every masked input counts it', () => {
    const { a, b, ea, eb, plain, data } = masked();
    const recorder = new MaskRecorder();
    model({
      inputs: [a, b],
      outputs: recorder.apply(add().apply([ea, eb]) as SymbolicTensor),
    }).predict(data);
    expect(recorder.lastMask).toEqual({ shape: [2, 4], values: both });
    // An input without a mask counts everywhere.
    const second = new MaskRecorder();
    model({
      inputs: [a, b],
      outputs: second.apply(add().apply([ea, plain]) as SymbolicTensor),
    }).predict(data);
    expect(second.lastMask!.values).toEqual(idsA.flat().map((v) => v !== 0));
  });

  it.each(['reshape', 'loop'] as TimeDistributedStrategy[])(
    'inside timeDistributed (%s) give the combined [batch, time] mask to later layers',
    (strategy) => {
      const { a, b, ea, eb, data } = masked();
      const recorder = new MaskRecorder();
      const y = timeDistributed(add(), { strategy }).apply([ea, eb]) as SymbolicTensor;
      model({ inputs: [a, b], outputs: recorder.apply(y) }).predict(data);
      expect(recorder.lastMask).toEqual({ shape: [2, 4], values: both });
    },
  );

  it('with a broadcast input inside timeDistributed combine the per-sample mask with every step', () => {
    const td = timeDistributed(add(), { broadcastInputs: [1] });
    const xs = [tf.ones([2, 3, 4]), tf.ones([2, 4])];
    const stepMask = tf.tensor2d(
      [
        [true, true, false],
        [true, false, true],
      ],
      [2, 3],
      'bool',
    );
    const sampleMask = tf.tensor1d([true, false], 'bool');
    const out = td.computeMask(xs, [stepMask, sampleMask]) as tf.Tensor;
    expect(out.shape).toEqual([2, 3]);
    expect(boolValues(out)).toEqual([true, true, false, false, false, false]);
  });
});
