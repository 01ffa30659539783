import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
} from '@framewise/core';
import {
  maxAbsDiff,
  referenceApply,
  referenceTimeDistributed,
} from '../testing/reference.test-helpers.js';
import {
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
} from '../testing/spatial.test-helpers.js';
import { conv2d, conv2dPlugin, type Conv2DOptions } from './conv2d.js';
import '../index.js';

beforeEach(() => resetNames());

const cases: Conv2DOptions[] = [
  { filters: 4, kernelSize: 3, padding: 'same' },
  { filters: 4, kernelSize: [3, 2], padding: 'valid' },
  { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
  { filters: 3, kernelSize: 3, strides: [2, 1], padding: 'valid', useBias: false },
  { filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh' },
  { filters: 2, kernelSize: 2, dilationRate: [2, 1], padding: 'valid', activation: 'sigmoid' },
];

describe('Conv2D', () => {
  it.each(cases)('equals tfjs-layers Conv2D for %j', (options) => {
    const layer = conv2d(options);
    const x = tf.randomNormal([2, 9, 8, 3]);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 9, 8, 3]));
    const ref = referenceApply(tfl.layers.conv2d(options as never), x, layer);
    expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-5);
  });

  it('refuses a sequence of images and says to wrap it', () => {
    const x = input({ shape: [12, 32, 32, 3] });
    expect(() => conv2d({ filters: 32, kernelSize: 3 }).apply(x)).toThrow(ShapeError);
    expect(() => conv2d({ filters: 32, kernelSize: 3 }).apply(x)).toThrow(
      /expected input of rank 4 \[batch, height, width, channels\]; for a sequence of images, wrap it: timeDistributed\(conv2d\(\.\.\.\)\), received rank 5: \(None, 12, 32, 32, 3\)/,
    );
  });

  it('refuses a kernel that does not fit and impossible options', () => {
    expect(() => conv2d({ filters: 2, kernelSize: 5 }).apply(input({ shape: [3, 3, 1] }))).toThrow(
      /kernel 5×5 \(dilation 1×1\) does not fit an input of 3×3 with padding 'valid'/,
    );
    expect(() => conv2d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      ConfigError,
    );
    expect(() => conv2d({ filters: 2, kernelSize: [3, -1] as never })).toThrow(
      /kernelSize\[1\] must be an integer ≥ 1, received -1/,
    );
    expect(() => conv2d({ filters: 2, kernelSize: 3, padding: 'causal' as never })).toThrow(
      /padding must be one of valid, same/,
    );
    expect(() =>
      conv2d({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' as never }),
    ).toThrow(/dataFormat must be one of channelsLast/);
  });

  it('round-trips its Keras config', () => {
    const layer = conv2d({
      filters: 8,
      kernelSize: [3, 1],
      strides: 2,
      padding: 'same',
      activation: 'relu',
    });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      filters: 8,
      kernel_size: [3, 1],
      strides: [2, 2],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
    });
    expect(conv2dPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
  });

  it('counts MACs per sample', () => {
    const layer = conv2d({ filters: 32, kernelSize: 3, padding: 'same' });
    expect(layer.macs([null, 32, 32, 3])).toBe(32 * 32 * 3 * 3 * 3 * 32);
    expect(timeDistributed(layer).macs([null, 12, 32, 32, 3])).toBe(12 * 32 * 32 * 3 * 3 * 3 * 32);
  });
});

describe('TimeDistributed(Conv2D) against tfjs-layers TimeDistributed', () => {
  const variants = [
    { strategy: 'auto' },
    { strategy: 'loop' },
    { strategy: 'reshape', chunkSize: 1 },
    { strategy: 'reshape', chunkSize: 7 },
  ] as const;

  it.each([
    [1, 6],
    [12, 6],
    [1000, 4],
  ])(
    'gives the same numbers at time %i (frames %i×%i) for every strategy, on a model built with an open time axis',
    (time, size) => {
      const x = input({ shape: [null, size, size, 2] });
      const models = variants.map((v) =>
        model({
          inputs: x,
          outputs: timeDistributed(
            conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
            v,
          ).apply(x),
        }),
      );
      const weights = models[0]!.layers[1]!.getWeights();
      models.forEach((m) => m.layers[1]!.setWeights(weights));
      const reference = referenceTimeDistributed(
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
        [null, size, size, 2],
        models[0]!.layers[1]!,
      );
      const data = tf.randomNormal([2, time, size, size, 2]);
      const expected = reference.predict(data) as tf.Tensor;
      for (const m of models) {
        const y = m.predict(data) as tf.Tensor;
        expect(y.shape).toEqual([2, time, size, size, 3]);
        expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
      }
    },
  );
});

describe('Conv2D on the shared convolution base', () => {
  it('infers shapes with None sizes, counts parameters and writes the keys tfjs-layers writes', () => {
    const options: Conv2DOptions = { filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same' };
    const layer = conv2d(options);
    const ref = tfl.layers.conv2d(options as never);
    expectSameOutputShapes(layer, ref, [
      [null, 9, 8, 3],
      [null, null, 8, 3],
      [null, null, null, 3],
    ]);
    layer.apply(tf.zeros([1, 9, 8, 3]));
    ref.build([null, 9, 8, 3] as never);
    expect(layer.countParams()).toBe(ref.countParams());
    expectKerasKeys(layer, ref, []);
    expect(() => conv2dPlugin.fromConfig({ ...layer.getConfig(), groups: 3 })).toThrow(
      /Conv2D: groups must be 1 \(grouped convolutions are not supported\), received 3/,
    );
    const x = tf.randomNormal([2, 9, 8, 3]);
    expectNoLeak(() => layer.apply(x));
  });
});
