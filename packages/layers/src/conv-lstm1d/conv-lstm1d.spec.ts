// tfjs-layers' ConvLSTM2D initialises its recurrent kernel with chained tensor
// methods that only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, resetNames, type SymbolicTensor } from '@framewise/core';
import { bidirectional } from '../bidirectional/bidirectional.js';
import { convLstm2d } from '../conv-lstm2d/conv-lstm2d.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { asList, sampleMask } from '../testing/recurrent.test-helpers.js';
import { convLstm1d, convLstm1dPlugin, type ConvLSTM1DOptions } from './conv-lstm1d.js';
import '../index.js';

beforeEach(() => resetNames());

// tfjs-layers has no ConvLSTM1D: the reference is ConvLSTM2D on frames of
// height 1 with [1, k] kernels (Keras' ConvLSTM1D is that same cell, rank 1).
const BATCH = 2;
const TIME = 4;
const STEPS = 7;
const CHANNELS = 3;
const opts = (o: Partial<ConvLSTM1DOptions>): ConvLSTM1DOptions => ({
  filters: 4,
  kernelSize: 3,
  ...o,
});
const as2d = (o: ConvLSTM1DOptions) => {
  const pair = (v: number | number[] | undefined): [number, number] | undefined =>
    v === undefined ? undefined : [1, Array.isArray(v) ? v[0]! : v];
  return {
    ...o,
    kernelSize: pair(o.kernelSize)!,
    strides: pair(o.strides),
    dilationRate: pair(o.dilationRate),
  };
};
/** The 1-D layer's weights as the 2-D layer's: kernels gain a leading axis of 1. */
const weights2d = (w: tf.Tensor[]) => w.map((t) => (t.rank === 3 ? tf.expandDims(t, 0) : t));

describe('ConvLSTM1D', () => {
  it.each<Partial<ConvLSTM1DOptions>>([
    {},
    { returnSequences: true, goBackwards: true },
    { returnState: true, padding: 'same', strides: 2 },
    { dilationRate: 2, returnSequences: true, recurrentActivation: 'sigmoid' },
    { useBias: false, activation: 'relu', kernelSize: 2 },
  ])('equals ConvLSTM2D on height-1 frames, ours and tfjs-layers, for %j', (o) => {
    const layer = convLstm1d(opts(o));
    const x = tf.randomNormal([BATCH, TIME, STEPS, CHANNELS]);
    const ours = asList(layer.apply(x));
    const x2d = tf.expandDims(x, 2);
    const twin = convLstm2d(as2d(opts(o)));
    twin.apply(x2d);
    twin.setWeights(weights2d(layer.getWeights()));
    const theirs = asList(twin.apply(x2d));
    const ref = tfl.layers.convLstm2d(as2d(opts(o)) as never);
    tf.dispose(ref.apply(x2d) as tf.Tensor);
    ref.setWeights(weights2d(layer.getWeights()));
    const tfjs = asList(ref.apply(x2d) as tf.Tensor | tf.Tensor[]);
    ours.forEach((y, i) => {
      const flat = tf.squeeze(theirs[i]!, [y.rank === 4 ? 2 : 1]);
      expect(y.shape).toEqual(flat.shape);
      expect(maxAbsDiff(y, flat)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(y, tf.reshape(tfjs[i]!, y.shape))).toBeLessThanOrEqual(1e-5);
    });
    expect(layer.macs([null, TIME, STEPS, CHANNELS])).toBe(
      twin.macs([null, TIME, 1, STEPS, CHANNELS]),
    );
  });

  it('has Keras weight shapes and takes masks and [batch, steps, filters] initial states', () => {
    const layer = convLstm1d(opts({ returnSequences: true, padding: 'same' }));
    const x = tf.randomNormal([BATCH, TIME, STEPS, CHANNELS]);
    const states = [0, 1].map(() => tf.randomNormal([BATCH, STEPS, 4]));
    const mask = sampleMask(BATCH, TIME);
    const y = layer.apply([x, ...states], { mask }) as tf.Tensor;
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 3, 16], [3, 4, 16], [16]]);
    const twin = convLstm2d(as2d(opts({ returnSequences: true, padding: 'same' })));
    const x2d = tf.expandDims(x, 2);
    const s2d = states.map((s) => tf.expandDims(s, 1));
    twin.apply([x2d, ...s2d]);
    twin.setWeights(weights2d(layer.getWeights()));
    const expected = twin.apply([x2d, ...s2d], { mask }) as tf.Tensor;
    expect(maxAbsDiff(y, tf.squeeze(expected, [2]))).toBeLessThanOrEqual(1e-6);
    const sym = convLstm1d(opts({ returnState: true })).apply(
      input({ shape: [null, STEPS, CHANNELS] }),
    ) as unknown as SymbolicTensor[];
    expect(sym.map((t) => t.shape)).toEqual([
      [null, 5, 4],
      [null, 5, 4],
      [null, 5, 4],
    ]);
  });

  it("reads Keras 2's ConvLSTM1D config and writes it back", () => {
    const keras = {
      name: 'conv_lstm1d',
      trainable: true,
      batch_input_shape: [null, null, STEPS, CHANNELS],
      dtype: 'float32',
      return_sequences: true,
      return_state: false,
      go_backwards: false,
      stateful: false,
      unroll: false,
      time_major: false,
      filters: 4,
      kernel_size: [3],
      strides: [1],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1],
      activation: 'tanh',
      recurrent_activation: 'hard_sigmoid',
      use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      unit_forget_bias: true,
      kernel_regularizer: null,
      recurrent_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      recurrent_constraint: null,
      bias_constraint: null,
      dropout: 0.0,
      recurrent_dropout: 0.0,
    };
    const layer = convLstm1dPlugin.fromConfig(keras);
    const config = layer.getConfig();
    // Written back as read, but time_major (always false here) and GlorotUniform, which
    // Framewise writes as the VarianceScaling it stands for.
    const { time_major: _tm, kernel_initializer: _ki, ...written } = keras;
    expect(config).toMatchObject(written);
    expect(Object.keys(config).sort()).toEqual(
      [...Object.keys(written), 'kernel_initializer'].sort(),
    );
    expect(config['kernel_initializer']).toMatchObject({
      class_name: 'VarianceScaling',
      config: { distribution: 'uniform', mode: 'fan_avg', scale: 1 },
    });
    const y = layer.apply(tf.zeros([1, 2, STEPS, CHANNELS])) as tf.Tensor;
    expect(y.shape).toEqual([1, 2, STEPS, 4]);
    // unit_forget_bias: the forget gate's block of the bias starts at 1.
    expect(Array.from(layer.getWeights()[2]!.dataSync())).toEqual([
      ...Array<number>(4).fill(0),
      ...Array<number>(4).fill(1),
      ...Array<number>(8).fill(0),
    ]);
  });

  it('runs inside Bidirectional, each direction as the layer alone', () => {
    const layer = bidirectional({
      layer: convLstm1d(opts({ returnSequences: true })),
      mergeMode: 'sum',
    });
    const x = tf.randomNormal([BATCH, TIME, STEPS, CHANNELS]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([BATCH, TIME, 5, 4]);
    const [fw, bw] = [layer.forwardLayer, layer.backwardLayer];
    const expected = tf.add(fw.apply(x) as tf.Tensor, tf.reverse(bw.apply(x) as tf.Tensor, 1));
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-6);
    expect(layer.getConfig()['layer']).toMatchObject({ class_name: 'ConvLSTM1D' });
  });

  it('refuses inputs of the wrong rank, naming the axes', () => {
    expect(() =>
      convLstm1d(opts({ name: 'c1' })).apply(input({ shape: [TIME, STEPS, 2, CHANNELS] })),
    ).toThrow(/c1: expected input of rank 4 \[batch, time, steps, channels\], received rank 5/);
    expect(() => convLstm1d(opts({ kernelSize: [3, 3] as never }))).toThrow(
      /kernelSize must be a number or 1 numbers/,
    );
  });
});
