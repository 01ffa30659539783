import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  ShapeError,
  type SymbolicTensor,
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
import { Concatenate, concatenate, concatenatePlugin } from './concatenate.js';

beforeEach(() => resetNames());

describe('Concatenate', () => {
  it.each([
    [-1, [2, 3, 4], [2, 3, 2]],
    [2, [2, 3, 4], [2, 3, 1]],
    [1, [2, 3, 4], [2, 2, 4]],
  ])('equals tfjs-layers Concatenate along axis %i of %j and %j', (axis, s1, s2) => {
    const xs = [tf.randomNormal(s1), tf.randomNormal(s2), tf.randomNormal(s2)];
    const ours = concatenate({ axis }).apply(xs) as tf.Tensor;
    const ref = tfl.layers.concatenate({ axis }).apply(xs) as tf.Tensor;
    expect(maxAbsDiff(ours, ref)).toBe(0);
  });

  it('counts negative axes from the end as Keras does (tfjs-layers 4.22 joins along -1 for any negative axis)', () => {
    const xs = [tf.randomNormal([2, 3, 4]), tf.randomNormal([2, 5, 4])];
    const ours = concatenate({ axis: -2 }).apply(xs) as tf.Tensor;
    expect(ours.shape).toEqual([2, 8, 4]);
    expect(maxAbsDiff(ours, tf.concat(xs, 1))).toBe(0);
    expect(() => tfl.layers.concatenate({ axis: -2 }).apply(xs)).toThrow(
      /along the non-concatenated axis 1/,
    );
  });

  it('infers shapes as tfjs-layers does, null sizes included', () => {
    const cases: [number, (number | null)[][]][] = [
      [
        -1,
        [
          [null, 3, 4],
          [null, 3, 2],
        ],
      ],
      [
        -1,
        [
          [null, null, 4],
          [null, null, 2],
        ],
      ],
      [
        1,
        [
          [null, null, 4],
          [null, 2, 4],
        ],
      ],
      [
        1,
        [
          [null, 3, 4],
          [null, 2, 4],
        ],
      ],
    ];
    for (const [axis, shapes] of cases) {
      expect(new Concatenate({ axis }).computeOutputShape(shapes)).toEqual(
        tfl.layers.concatenate({ axis }).computeOutputShape(shapes as number[][]),
      );
    }
    // A size one input leaves open, another fixes.
    expect(
      new Concatenate().computeOutputShape([
        [null, null, 4],
        [2, 3, 1],
      ]),
    ).toEqual([2, 3, 5]);
    const y = concatenate([input({ shape: [3, 4] }), input({ shape: [3, 2] })]);
    expect(y.shape).toEqual([null, 3, 6]);
    const reference = tfl.layers.concatenate({});
    reference.apply([tfl.input({ shape: [3, 4] }), tfl.input({ shape: [3, 2] })]);
    expect(y.sourceLayer.countParams()).toBe(reference.countParams());
  });

  it('refuses inputs that do not match off the axis, naming both, and the batch axis', () => {
    const layer = concatenate({ name: 'cat' });
    expect(() => layer.apply([input({ shape: [3, 4] }), input({ shape: [2, 4] })])).toThrow(
      ShapeError,
    );
    expect(() =>
      concatenate({ name: 'cat' }).apply([input({ shape: [3, 4] }), input({ shape: [2, 4] })]),
    ).toThrow(
      /cat: inputs must match on every axis but the concatenation axis -1; received input 0 \(None, 3, 4\) and input 1 \(None, 2, 4\)/,
    );
    expect(() => concatenate().apply([input({ shape: [3, 4] }), input({ shape: [4] })])).toThrow(
      /received input 0 \(None, 3, 4\) and input 1 \(None, 4\)/,
    );
    expect(() =>
      concatenate({ axis: 0, name: 'cat' }).apply([input({ shape: [4] }), input({ shape: [4] })]),
    ).toThrow(
      /cat: axis 0 must be a feature axis, 1 to 1 or -1 to -1, for inputs of rank 2 \(axis 0 is the batch axis\)/,
    );
    expect(() =>
      concatenate({ axis: 3 }).apply([input({ shape: [4] }), input({ shape: [4] })]),
    ).toThrow(ShapeError);
    expect(() => concatenate({ axis: 1.5 })).toThrow(ConfigError);
    expect(() => concatenate({ axis: 'x' as never, name: 'cat' })).toThrow(
      /cat: axis must be an integer, received "x"/,
    );
  });

  it.each(['reshape', 'loop'] as TimeDistributedStrategy[])(
    'joins a broadcast [batch, features] input to every step inside timeDistributed (%s)',
    (strategy) => {
      const [seq, meta] = [input({ shape: [null, 4] }), input({ shape: [2] })];
      const td = timeDistributed(concatenate(), { strategy, broadcastInputs: [1] });
      const y = td.apply([seq, meta]) as SymbolicTensor;
      expect(y.shape).toEqual([null, null, 6]);
      const m = model({ inputs: [seq, meta], outputs: y });
      const xs = [tf.randomNormal([3, 5, 4]), tf.randomNormal([3, 2])];
      const tiled = tf.tile(tf.expandDims(xs[1]!, 1), [1, 5, 1]);
      const expected = tfl.layers.concatenate({}).apply([xs[0]!, tiled]) as tf.Tensor;
      expect(maxAbsDiff(m.predict(xs) as tf.Tensor, expected)).toBe(0);
    },
  );

  it('combines masks as Keras: AND along features, joined along time', () => {
    const a = tf.zeros([2, 3, 4]);
    const b = tf.zeros([2, 2, 4]);
    const ma = tf.tensor2d(
      [
        [true, false, true],
        [false, true, true],
      ],
      [2, 3],
      'bool',
    );
    const mb = tf.tensor2d(
      [
        [true, true],
        [false, true],
      ],
      [2, 2],
      'bool',
    );
    const alongTime = concatenate({ axis: 1 }).computeMask([a, b], [ma, mb]) as tf.Tensor;
    expect(alongTime.shape).toEqual([2, 5]);
    expect(boolValues(alongTime)).toEqual([
      true,
      false,
      true,
      true,
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    const c = tf.zeros([2, 3, 2]);
    const mc = tf.tensor2d(
      [
        [true, true, false],
        [true, true, true],
      ],
      [2, 3],
      'bool',
    );
    const alongFeatures = concatenate().computeMask([a, c], [ma, mc]) as tf.Tensor;
    expect(boolValues(alongFeatures)).toEqual([true, false, false, false, true, true]);
    const oneMasked = concatenate().computeMask([a, c], [ma, null]) as tf.Tensor;
    expect(boolValues(oneMasked)).toEqual(boolValues(ma));
    expect(concatenate().computeMask([a, c], [null, null])).toBeNull();
    const ref = tfl.layers.concatenate({}).computeMask([a, c], [ma, mc]) as tf.Tensor;
    expect(boolValues(ref)).toEqual(boolValues(alongFeatures));
  });

  it('sends the combined mask through the model graph', () => {
    const [x1, x2] = [input({ shape: [3], dtype: 'int32' }), input({ shape: [3], dtype: 'int32' })];
    const e1 = embedding({ inputDim: 5, outputDim: 2, maskZero: true }).apply(x1);
    const e2 = embedding({ inputDim: 5, outputDim: 3, maskZero: true }).apply(x2);
    const recorder = new MaskRecorder();
    const y = recorder.apply(concatenate().apply([e1, e2]) as SymbolicTensor);
    model({ inputs: [x1, x2], outputs: y }).predict([
      tf.tensor2d([[1, 0, 2]], [1, 3], 'int32'),
      tf.tensor2d([[1, 3, 0]], [1, 3], 'int32'),
    ]);
    expect(recorder.lastMask).toEqual({ shape: [1, 3], values: [true, false, false] });
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const config = concatenate({ axis: 1, name: 'cat' }).getConfig();
    expect(config).toEqual({ name: 'cat', trainable: true, dtype: 'float32', axis: 1 });
    expect(concatenatePlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(concatenate().getConfig()['axis']).toBe(-1);
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.concatenate({ axis: 1 })),
    );
  });

  it('leaks no tensors, masks included', () => {
    const layer = concatenate();
    const xs = [tf.ones([2, 3, 4]), tf.ones([2, 3, 1])];
    expectNoLeak(() => layer.apply(xs) as tf.Tensor);
    const masks = [tf.ones([2, 3], 'bool'), null];
    expectNoLeak(() => layer.computeMask(xs, masks) as tf.Tensor);
  });
});
