// tfjs-layers' initialisers need the chained ops that only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import {
  getLayerPlugin,
  input,
  model,
  modelFromJSON,
  resetNames,
  timeDistributed,
  type Model,
} from '@framewise/core';
import {
  conv1dTranspose,
  conv3d,
  conv3dTranspose,
  depthwiseConv2d,
  locallyConnected1d,
  locallyConnected2d,
  separableConv1d,
  separableConv2d,
} from './index.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';

beforeEach(() => resetNames());

/** Rebuilds from JSON text, copies the weights, and checks the same topology and numbers. */
function roundTrip(m: Model, data: tf.Tensor): void {
  const back = modelFromJSON(JSON.stringify(m));
  expect(back.layers.map((l) => l.className)).toEqual(m.layers.map((l) => l.className));
  expect(back.toJSON()).toEqual(m.toJSON());
  expect(back.countParams()).toBe(m.countParams());
  back.setWeights(m.getWeights());
  expect(maxAbsDiff(m.predict(data) as tf.Tensor, back.predict(data) as tf.Tensor)).toBe(0);
}

describe('Keras model JSON with the new convolutions', () => {
  it('round-trips an image model: separable, depthwise and locally connected layers', () => {
    const x = input({ shape: [8, 8, 3] });
    let h = separableConv2d({
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      pointwiseRegularizer: 'l2',
    }).apply(x);
    h = depthwiseConv2d({
      kernelSize: 3,
      depthMultiplier: 2,
      depthwiseConstraint: 'maxNorm',
    }).apply(h);
    h = locallyConnected2d({ filters: 2, kernelSize: 2, strides: 2 }).apply(h);
    roundTrip(model({ inputs: x, outputs: h }), tf.randomNormal([2, 8, 8, 3]));
  });

  it('round-trips a sequence model and a volume model, wrapped in TimeDistributed', () => {
    const s = input({ shape: [10, 3] });
    let h = separableConv1d({ filters: 4, kernelSize: 3, padding: 'causal' }).apply(s);
    h = conv1dTranspose({ filters: 3, kernelSize: 2, strides: 2 }).apply(h);
    h = locallyConnected1d({ filters: 2, kernelSize: 3 }).apply(h);
    roundTrip(model({ inputs: s, outputs: h }), tf.randomNormal([2, 10, 3]));

    const v = input({ shape: [2, 4, 4, 4, 2] });
    const w = timeDistributed(conv3d({ filters: 2, kernelSize: 2, padding: 'same' })).apply(v);
    const u = timeDistributed(conv3dTranspose({ filters: 1, kernelSize: 2, strides: 2 })).apply(w);
    roundTrip(model({ inputs: v, outputs: u }), tf.randomNormal([1, 2, 4, 4, 4, 2]));
  });

  it('reads layer configs as tf.keras 2 writes them', () => {
    // get_config() of tf.keras 2.15 layers, as they appear in a saved model's JSON.
    const glorot = { class_name: 'GlorotUniform', config: { seed: null } };
    const zeros = { class_name: 'Zeros', config: {} };
    const base = { trainable: true, dtype: 'float32', activation: 'relu', use_bias: true };
    const separable = getLayerPlugin('SeparableConv2D').fromConfig({
      ...base,
      name: 'separable_conv2d',
      filters: 8,
      kernel_size: [3, 3],
      strides: [1, 1],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      groups: 1,
      bias_initializer: zeros,
      bias_regularizer: null,
      activity_regularizer: null,
      bias_constraint: null,
      depth_multiplier: 1,
      depthwise_initializer: glorot,
      pointwise_initializer: glorot,
      depthwise_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
      pointwise_regularizer: null,
      depthwise_constraint: null,
      pointwise_constraint: { class_name: 'MaxNorm', config: { max_value: 2, axis: 0 } },
    });
    expect(separable.getConfig()).toMatchObject({
      name: 'separable_conv2d',
      depthwise_regularizer: { class_name: 'L2', config: { l2: expect.closeTo(0.01, 6) } },
      pointwise_constraint: { class_name: 'MaxNorm', config: { max_value: 2, axis: 0 } },
    });
    const local = getLayerPlugin('LocallyConnected2D').fromConfig({
      ...base,
      name: 'locally_connected2d',
      filters: 4,
      kernel_size: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      data_format: 'channels_last',
      kernel_initializer: glorot,
      bias_initializer: zeros,
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      implementation: 1,
    });
    const y = local.apply(tf.ones([1, 5, 5, 2])) as tf.Tensor;
    expect(y.shape).toEqual([1, 3, 3, 4]);
    expect(local.getWeights().map((t) => t.shape)).toEqual([
      [9, 18, 4],
      [3, 3, 4],
    ]);
  });
});
