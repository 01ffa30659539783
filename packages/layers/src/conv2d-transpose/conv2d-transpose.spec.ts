import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  timeDistributed,
  type LayerPlugin,
} from '@framewise/core';
import {
  maxAbsDiff,
  referenceApply,
  referenceTimeDistributed,
} from '../testing/reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import {
  conv2dTranspose,
  conv2dTransposePlugin,
  type Conv2DTransposeOptions,
} from './conv2d-transpose.js';

beforeEach(() => resetNames());

const plugin = conv2dTransposePlugin as LayerPlugin<never>;

const cases: Conv2DTransposeOptions[] = [
  { filters: 3, kernelSize: 3, padding: 'same' },
  { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
  { filters: 2, kernelSize: [3, 2], strides: [2, 1], padding: 'valid', useBias: false },
  { filters: 2, kernelSize: 2, strides: 2, activation: 'sigmoid' },
  { filters: 2, kernelSize: 1, strides: 3, padding: 'valid', activation: 'tanh' },
  { filters: 4, kernelSize: 4, strides: 2, padding: 'valid' },
];

describe('Conv2DTranspose', () => {
  it.each(cases)('equals tfjs-layers Conv2DTranspose for %j', (options) => {
    const layer = conv2dTranspose(options);
    const x = tf.randomNormal([2, 5, 4, 3]);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual(layer.computeOutputShape([2, 5, 4, 3]));
    const ref = tfl.layers.conv2dTranspose(options as never);
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expect(layer.countParams()).toBe(ref.countParams());
    expect(layer.getWeights()[0]!.shape).toEqual([...layer.kernelSize, options.filters, 3]);
    expectSameOutputShapes(layer, ref, [
      [null, 5, 4, 3],
      [null, null, 4, 3],
      [null, null, null, 3],
    ]);
  });

  it('refuses bad options and bad inputs with typed errors naming the layer', () => {
    expect(() => conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2 })).toThrow(
      /conv2d_transpose_\d+: dilationRate must be 1 for a transposed convolution/,
    );
    expect(() =>
      conv2dTranspose({ filters: 2, kernelSize: 3, padding: 'causal' as never }),
    ).toThrow(/padding must be one of valid, same, received "causal"/);
    expect(() =>
      conv2dTranspose({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' as never }),
    ).toThrow(ConfigError);
    expect(() => conv2dTranspose({ filters: 2.5, kernelSize: 3 })).toThrow(ConfigError);
    expect(() =>
      conv2dTranspose({ filters: 2, kernelSize: 2 }).apply(input({ shape: [3, 14, 14, 8] })),
    ).toThrow(
      /expected input of rank 4 \[batch, height, width, channels\]; for a sequence of images, wrap it: timeDistributed\(conv2dTranspose\(\.\.\.\)\), received rank 5/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const options: Conv2DTransposeOptions = {
      filters: 8,
      kernelSize: 2,
      strides: 2,
      activation: 'relu',
    };
    const layer = conv2dTranspose(options);
    expect(layer.getConfig()).toMatchObject({
      kernel_size: [2, 2],
      strides: [2, 2],
      padding: 'valid',
      dilation_rate: [1, 1],
      output_padding: null,
    });
    // tfjs-layers drops dilation_rate and has no output_padding; Keras writes both.
    expectKerasKeys(layer, tfl.layers.conv2dTranspose(options as never), [
      'dilation_rate',
      'output_padding',
    ]);
    expectConfigRoundTrip(layer, plugin);
    expect(() => plugin.fromConfig({ ...layer.getConfig(), output_padding: [1, 1] })).toThrow(
      /Conv2DTranspose: output_padding is not supported/,
    );
    expect(() => plugin.fromConfig({ ...layer.getConfig(), dilation_rate: [2, 2] })).toThrow(
      ConfigError,
    );
  });

  it('counts MACs per input position and does not leak tensors', () => {
    const layer = conv2dTranspose({ filters: 8, kernelSize: 2, strides: 2 });
    expect(layer.macs([null, 14, 14, 16])).toBe(14 * 14 * 2 * 2 * 16 * 8);
    const x = tf.randomNormal([2, 4, 4, 16]);
    expectNoLeak(() => layer.apply(x));
  });

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers with both strategies', () => {
    const options: Conv2DTransposeOptions = {
      filters: 2,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
    };
    expectTimeDistributedMatches(
      () => conv2dTranspose(options),
      tfl.layers.conv2dTranspose(options as never),
      tf.randomNormal([2, 3, 4, 4, 3]),
    );
  });
});

describe('Mask R-CNN mask head: timeDistributed(conv2dTranspose) over the ROI axis', () => {
  it('upsamples [b, rois, 14, 14, c] to [b, rois, 28, 28, filters] like tfjs-layers', () => {
    const options: Conv2DTransposeOptions = {
      filters: 4,
      kernelSize: 2,
      strides: 2,
      activation: 'relu',
    };
    const x = input({ shape: [null, 14, 14, 6] });
    const td = timeDistributed(conv2dTranspose(options));
    const y = td.apply(x);
    expect(y.shape).toEqual([null, null, 28, 28, 4]);
    const m = model({ inputs: x, outputs: y });
    // One kernel for every ROI: 2·2·4·6 + 4, whatever the number of ROIs.
    expect(m.countParams()).toBe(2 * 2 * 4 * 6 + 4);
    const reference = referenceTimeDistributed(
      tfl.layers.conv2dTranspose(options as never),
      [null, 14, 14, 6],
      td,
    );
    expect(reference.countParams()).toBe(m.countParams());
    const rois = tf.randomNormal([2, 3, 14, 14, 6]);
    const expected = reference.predict(rois) as tf.Tensor;
    for (const strategy of ['reshape', 'loop'] as const) {
      const other = timeDistributed(conv2dTranspose(options), { strategy });
      const mm = model({ inputs: x, outputs: other.apply(x) });
      other.setWeights(td.getWeights());
      expect(maxAbsDiff(mm.predict(rois) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
    }
    expect(maxAbsDiff(m.predict(rois) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
    expect(td.macs([null, 3, 14, 14, 6])).toBe(3 * 14 * 14 * 2 * 2 * 6 * 4);
  });
});
