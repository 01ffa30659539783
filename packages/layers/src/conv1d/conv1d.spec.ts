import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  resetNames,
  ShapeError,
  timeDistributed,
  type LayerPlugin,
} from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import { conv1d, conv1dPlugin, type Conv1DOptions } from './conv1d.js';

beforeEach(() => resetNames());

const cases: Conv1DOptions[] = [
  { filters: 4, kernelSize: 3, padding: 'same' },
  { filters: 4, kernelSize: [2], padding: 'valid', activation: 'relu' },
  { filters: 3, kernelSize: 3, strides: 2, padding: 'same', useBias: false },
  { filters: 3, kernelSize: 3, strides: [3], padding: 'valid', activation: 'tanh' },
  { filters: 2, kernelSize: 2, dilationRate: 3, padding: 'same', activation: 'softmax' },
];

describe('Conv1D', () => {
  it.each(cases)('equals tfjs-layers Conv1D for %j', (options) => {
    const layer = conv1d(options);
    const x = tf.randomNormal([2, 10, 3]);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 10, 3]));
    const ref = tfl.layers.conv1d(options as never);
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expect(layer.countParams()).toBe(ref.countParams());
    expectSameOutputShapes(layer, ref, [
      [null, 10, 3],
      [null, null, 3],
      [4, 7, 3],
    ]);
  });

  it("pads the start for 'causal' padding, which tfjs-layers does not run", () => {
    const layer = conv1d({ filters: 2, kernelSize: 3, dilationRate: 2, padding: 'causal' });
    const x = tf.randomNormal([2, 9, 3]);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual([2, 9, 2]);
    expect(layer.computeOutputShape([null, null, 3])).toEqual([null, null, 2]);
    // Causal = valid convolution of the input with (kernel - 1) * dilation zeros in front.
    const padded = tf.pad(x, [
      [0, 0],
      [4, 0],
      [0, 0],
    ]);
    const ref = tfl.layers.conv1d({ filters: 2, kernelSize: 3, dilationRate: 2 });
    expect(maxAbsDiff(ours, referenceApply(ref, padded, layer))).toBeLessThanOrEqual(1e-5);
    // Step t sees no later step.
    const changed = tf.concat([tf.slice(x, [0, 0, 0], [2, 5, 3]), tf.ones([2, 4, 3])], 1);
    const firstFive = (y: tf.Tensor): tf.Tensor => tf.slice(y, [0, 0, 0], [2, 5, 2]);
    expect(maxAbsDiff(firstFive(layer.apply(changed)), firstFive(ours))).toBe(0);
  });

  it('refuses bad options and bad inputs with typed errors naming the layer', () => {
    expect(() => conv1d({ filters: 0, kernelSize: 3 })).toThrow(
      /conv1d_\d+: filters must be an integer ≥ 1, received 0/,
    );
    expect(() => conv1d({ filters: 2, kernelSize: [3, 3] as never })).toThrow(
      /kernelSize must be a number or 1 numbers, received \[3,3\]/,
    );
    expect(() => conv1d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      ConfigError,
    );
    expect(() =>
      conv1d({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' as never }),
    ).toThrow(
      /dataFormat must be one of channelsLast, received "channelsFirst": Framewise takes channels on the last axis only/,
    );
    expect(() => conv1d({ filters: 2, kernelSize: 3, padding: 'full' as never })).toThrow(
      /padding must be one of valid, same, causal/,
    );
    expect(() => conv1d({ filters: 2, kernelSize: 3 }).apply(input({ shape: [4, 8, 3] }))).toThrow(
      /conv1d_\d+: expected input of rank 3 \[batch, steps, channels\]; for a sequence of sequences, wrap it: timeDistributed\(conv1d\(\.\.\.\)\), received rank 4/,
    );
    expect(() => conv1d({ filters: 2, kernelSize: 5 }).apply(input({ shape: [3, 1] }))).toThrow(
      /kernel 5 \(dilation 1\) does not fit an input of 3 with padding 'valid'/,
    );
    expect(() => conv1d({ filters: 2, kernelSize: 5 }).apply(input({ shape: [8, null] }))).toThrow(
      ShapeError,
    );
    const built = conv1d({ filters: 2, kernelSize: 3 });
    built.apply(tf.zeros([1, 5, 3]));
    expect(() => built.apply(tf.zeros([1, 5, 4]))).toThrow(
      /expected axis -1 of the input to have size 3/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const options: Conv1DOptions = {
      filters: 8,
      kernelSize: 5,
      strides: 2,
      padding: 'same',
      activation: 'relu',
    };
    const layer = conv1d(options);
    expect(layer.getConfig()).toMatchObject({
      filters: 8,
      kernel_size: [5],
      strides: [2],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1],
      activation: 'relu',
    });
    // tfjs-layers leaves out data_format; Keras writes it.
    expectKerasKeys(layer, tfl.layers.conv1d(options as never), ['data_format']);
    expectConfigRoundTrip(layer, conv1dPlugin as LayerPlugin<never>);
    expectConfigRoundTrip(
      conv1d({ filters: 2, kernelSize: 3, padding: 'causal' }),
      conv1dPlugin as LayerPlugin<never>,
    );
    expect(() => conv1dPlugin.fromConfig({ ...layer.getConfig(), groups: 2 })).toThrow(
      /groups must be 1/,
    );
    expect(conv1dPlugin.fromConfig({ ...layer.getConfig(), groups: 1 }).getConfig()).toEqual(
      layer.getConfig(),
    );
  });

  it('counts MACs per sample and does not leak tensors', () => {
    const layer = conv1d({ filters: 16, kernelSize: 3, padding: 'same' });
    expect(layer.macs([null, 100, 8])).toBe(100 * 3 * 8 * 16);
    expect(timeDistributed(layer).macs([null, 5, 100, 8])).toBe(5 * 100 * 3 * 8 * 16);
    const x = tf.randomNormal([2, 6, 8]);
    expectNoLeak(() => layer.apply(x));
  });

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers with both strategies', () => {
    const options: Conv1DOptions = {
      filters: 3,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    };
    expectTimeDistributedMatches(
      () => conv1d(options),
      tfl.layers.conv1d(options as never),
      tf.randomNormal([2, 4, 7, 2]),
    );
  });
});
