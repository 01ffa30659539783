// tfjs-layers' ConvLSTM2D initialises its recurrent kernel with chained tensor
// methods that only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  modelFromJSON,
  resetNames,
  ShapeError,
  timeDistributed,
  type SymbolicTensor,
} from '@framewise/core';
import { bidirectional } from '../bidirectional/bidirectional.js';
import { convLstm1d } from '../conv-lstm1d/conv-lstm1d.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  asList,
  referenceRecurrent,
  sampleMask,
  snakeKeys,
} from '../testing/recurrent.test-helpers.js';
import { convLstm2d, convLstm2dPlugin, type ConvLSTM2DOptions } from './conv-lstm2d.js';
import '../index.js';

beforeEach(() => resetNames());

const BATCH = 2;
const TIME = 4;
const FRAME = [5, 6, 3];
const opts = (o: Partial<ConvLSTM2DOptions>): ConvLSTM2DOptions => ({
  filters: 3,
  kernelSize: 3,
  ...o,
});
const reference = (o: ConvLSTM2DOptions) => tfl.layers.convLstm2d(o as never);
const sequence = () => tf.randomNormal([BATCH, TIME, ...FRAME]);

describe('ConvLSTM2D', () => {
  it.each<Partial<ConvLSTM2DOptions>>([
    {},
    { returnSequences: true },
    { returnSequences: true, goBackwards: true },
    { returnState: true },
    { returnSequences: true, returnState: true, goBackwards: true, padding: 'same' },
    { padding: 'same', strides: 2 },
    { kernelSize: [2, 3], strides: [1, 2] },
    { dilationRate: 2, padding: 'same', returnSequences: true },
    { useBias: false, activation: 'relu', recurrentActivation: 'sigmoid' },
    { unitForgetBias: true, biasInitializer: 'randomNormal' },
  ])('equals tfjs-layers ConvLSTM2D for %j', (o) => {
    const layer = convLstm2d(opts(o));
    const x = sequence();
    const ours = asList(layer.apply(x));
    const ref = referenceRecurrent(reference(opts(o)), x, layer);
    expect(ours).toHaveLength(ref.length);
    ours.forEach((y, i) => {
      expect(y.shape).toEqual(ref[i]!.shape);
      expect(maxAbsDiff(y, ref[i]!)).toBeLessThanOrEqual(1e-5);
    });
    expect(layer.computeOutputShape([BATCH, TIME, ...FRAME])).toEqual(
      reference(opts(o)).computeOutputShape([BATCH, TIME, ...FRAME]),
    );
  });

  // tfjs-layers 4.22 fails on masks with 5-D inputs (its rnn() transposes the mask as the
  // input), so the reference is the definition: a masked step is skipped, states and
  // output carried over; each sample equals the layer run on its unmasked steps alone.
  it.each([false, true])(
    'keeps the previous state and output at a masked step, as Keras (goBackwards %s)',
    (goBackwards) => {
      const o = opts({ returnSequences: true, returnState: true, goBackwards, padding: 'same' });
      const layer = convLstm2d(o);
      const x = sequence();
      const mask = sampleMask(BATCH, TIME);
      const [seq, h, c] = asList(layer.apply(x, { mask })) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const flags = mask.arraySync() as unknown as boolean[][];
      for (let b = 0; b < BATCH; b++) {
        const kept = flags[b]!.flatMap((on, t) => (on ? [t] : []));
        const alone = tf.gather(tf.slice(x, b, 1), kept, 1);
        const [aSeq, aH, aC] = asList(layer.apply(alone)) as [tf.Tensor, tf.Tensor, tf.Tensor];
        expect(maxAbsDiff(tf.slice(h, b, 1), aH)).toBeLessThanOrEqual(1e-6);
        expect(maxAbsDiff(tf.slice(c, b, 1), aC)).toBeLessThanOrEqual(1e-6);
        let done = 0;
        for (let k = 0; k < TIME; k++) {
          const t = goBackwards ? TIME - 1 - k : k;
          if (flags[b]![t]) done++;
          const out = tf.slice(seq, [b, k], [1, 1]);
          const expected = done === 0 ? tf.zerosLike(out) : tf.slice(aSeq, [0, done - 1], [1, 1]);
          expect(maxAbsDiff(out, expected)).toBeLessThanOrEqual(1e-6);
        }
      }
      expect(layer.computeMask(x, mask)).toEqual([mask, null, null]);
    },
  );

  it('takes initial states [batch, h, w, filters] as extra inputs, as tfjs-layers takes initialState', () => {
    const o = opts({ returnSequences: true, padding: 'same' });
    const layer = convLstm2d(o);
    const x = sequence();
    const states = [0, 1].map(() => tf.randomNormal([BATCH, 5, 6, 3]));
    const ours = layer.apply([x, ...states]) as tf.Tensor;
    const ref = referenceRecurrent(reference(o), x, layer, { initialState: states });
    expect(maxAbsDiff(ours, ref[0]!)).toBeLessThanOrEqual(1e-5);
    expect(() => layer.apply([x, tf.zeros([BATCH, 5, 6, 3]), tf.zeros([BATCH, 4, 6, 3])])).toThrow(
      /expected initial state 1 of shape \(None, 5, 6, 3\) \[batch, \.\.\.spatial, filters\], received \(None, 4, 6, 3\)/,
    );
    const y = convLstm2d(opts({})).apply([
      input({ shape: [null, ...FRAME] }),
      input({ shape: [3, 4, 3] }),
      input({ shape: [3, 4, 3] }),
    ]) as SymbolicTensor;
    expect(y.shape).toEqual([null, 3, 4, 3]);
  });

  it('infers shapes with open sizes and counts parameters like tfjs-layers', () => {
    const o = opts({ returnSequences: true, returnState: true, strides: 2 });
    const layer = convLstm2d(o);
    const ref = reference(o);
    for (const shape of [
      [null, null, null, null, 3],
      [null, 7, 9, null, 3],
    ]) {
      expect(layer.computeOutputShape(shape)).toEqual(ref.computeOutputShape(shape as number[]));
    }
    layer.apply(input({ shape: [null, ...FRAME] }));
    ref.apply(tf.zeros([1, 2, ...FRAME]));
    expect(layer.countParams()).toBe(ref.countParams());
    expect(layer.weights.map((w) => [w.name.split('/')[1], w.shape])).toEqual([
      ['kernel', [3, 3, 3, 12]],
      ['recurrent_kernel', [3, 3, 3, 12]],
      ['bias', [12]],
    ]);
    // Per sample and step: 2×2 output positions × 3×3 kernel × (3 input + 3 state channels) × 12.
    expect(layer.macs([null, TIME, ...FRAME])).toBe(TIME * 2 * 2 * 9 * 6 * 12);
  });

  it("round-trips its Keras config, with tfjs-layers' keys and Keras 2's", () => {
    const layer = convLstm2d(
      opts({ name: 'cl', padding: 'same', strides: [1, 2], returnSequences: true }),
    );
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'cl',
      filters: 3,
      kernel_size: [3, 3],
      strides: [1, 2],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      recurrent_activation: 'hard_sigmoid',
      unit_forget_bias: false,
      return_sequences: true,
    });
    expect(config).not.toHaveProperty('units');
    expect(config).not.toHaveProperty('implementation');
    const back = convLstm2dPlugin.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(back.getConfig()).toEqual(config);
    // tfjs-layers also writes LSTM's `implementation`, which Keras 2's ConvLSTM2D has not.
    const keys = snakeKeys(reference(opts({})).getConfig()).filter((k) => k !== 'implementation');
    expect(Object.keys(config).filter((k) => !keys.includes(k))).toEqual(['dtype']);
    expect(keys.filter((k) => !(k in config))).toEqual([]);
    const l1l2 = { class_name: 'L1L2', config: { l1: 0, l2: 0.5 } };
    const trained = { ...config, recurrent_regularizer: l1l2, kernel_regularizer: l1l2 };
    expect(convLstm2dPlugin.fromConfig(trained).getConfig()).toEqual(trained);
    expect(() => convLstm2dPlugin.fromConfig({ ...config, unroll: true })).toThrow(
      /unroll must be false/,
    );
    expect(() => convLstm2dPlugin.fromConfig({ ...config, data_format: 'channels_first' })).toThrow(
      ConfigError,
    );
  });

  it('round-trips a model through Keras JSON, which tfjs-layers reads too', async () => {
    const x = input({ shape: [TIME, ...FRAME] });
    const h = bidirectional({
      layer: convLstm2d(opts({ returnSequences: true, padding: 'same', unitForgetBias: true })),
      mergeMode: 'ave',
    }).apply(x) as SymbolicTensor;
    const y = convLstm2d(opts({ strides: 2, recurrentActivation: 'sigmoid' })).apply(h);
    const m = model({ inputs: x, outputs: y as SymbolicTensor });
    const back = modelFromJSON(JSON.stringify(m));
    expect(back.toJSON()).toEqual(m.toJSON());
    back.setWeights(m.getWeights());
    const data = sequence();
    const expected = m.predict(data) as tf.Tensor;
    expect(maxAbsDiff(back.predict(data) as tf.Tensor, expected)).toBe(0);
    const theirs = await tfl.models.modelFromJSON({ modelTopology: m.toJSON() } as never);
    theirs.setWeights(m.getWeights());
    expect(maxAbsDiff(theirs.predict(data) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
    const steps = input({ shape: [TIME, 7, 2] });
    const m1 = model({
      inputs: steps,
      outputs: convLstm1d({ filters: 2, kernelSize: 3 }).apply(steps) as SymbolicTensor,
    });
    expect(modelFromJSON(JSON.stringify(m1)).toJSON()).toEqual(m1.toJSON());
  });

  it('runs inside Bidirectional like tfjs-layers Bidirectional(ConvLSTM2D)', () => {
    const make = () => convLstm2d(opts({ returnSequences: true, padding: 'same' }));
    const layer = bidirectional({ layer: make(), mergeMode: 'concat' });
    const x = sequence();
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([BATCH, TIME, 5, 6, 6]);
    expect(layer.computeOutputShape([BATCH, TIME, ...FRAME])).toEqual(y.shape);
    const ref = tfl.layers.bidirectional({
      layer: reference(opts({ returnSequences: true, padding: 'same' })) as never,
      mergeMode: 'concat',
    });
    const [theirs] = referenceRecurrent(ref, x, layer);
    expect(maxAbsDiff(y, theirs!)).toBeLessThanOrEqual(1e-5);
    expect(layer.macs([null, TIME, ...FRAME])).toBe(2 * make().macs([null, TIME, ...FRAME]));
  });

  it('runs inside timeDistributed on [batch, t1, time, h, w, c], each slice as on its own', () => {
    const td = timeDistributed(convLstm2d(opts({})));
    const x = tf.randomNormal([BATCH, 2, TIME, ...FRAME]);
    const y = td.apply(x);
    expect(y.shape).toEqual([BATCH, 2, 3, 4, 3]);
    const inner = convLstm2d(opts({}));
    inner.apply(tf.zeros([1, TIME, ...FRAME]));
    inner.setWeights(td.getWeights());
    const direct = inner.apply(tf.reshape(x, [-1, TIME, ...FRAME])) as tf.Tensor;
    expect(maxAbsDiff(y, tf.reshape(direct, y.shape))).toBeLessThanOrEqual(1e-6);
  });

  it('keeps its states across calls when stateful, as tfjs-layers does', () => {
    const o = opts({ stateful: true, returnState: true, padding: 'same' });
    const layer = convLstm2d(o);
    const ref = reference({ ...o, batchInputShape: [BATCH, TIME, ...FRAME] } as never);
    const a = sequence();
    const b = sequence();
    layer.apply(a);
    ref.apply(a);
    ref.setWeights(layer.getWeights());
    ref.resetStates();
    layer.resetStates();
    for (const x of [a, b]) {
      const ours = asList(layer.apply(x));
      const theirs = asList(ref.apply(x) as tf.Tensor | tf.Tensor[]);
      ours.forEach((y, i) => expect(maxAbsDiff(y, theirs[i]!)).toBeLessThanOrEqual(1e-5));
    }
    const kept = layer.getStates()!;
    expect(kept.map((s) => s.shape)).toEqual([
      [BATCH, 5, 6, 3],
      [BATCH, 5, 6, 3],
    ]);
    layer.resetStates(kept);
    expect(maxAbsDiff(layer.getStates()![1]!, kept[1]!)).toBe(0);
    expect(() => layer.resetStates([tf.zeros([BATCH, 5, 6, 3])])).toThrow(
      /resetStates expected 2 state\(s\) of shape \(None, 5, 6, 3\)/,
    );
    layer.resetStates();
    expect(layer.getStates()![0]!.arraySync()).toEqual(tf.zeros([BATCH, 5, 6, 3]).arraySync());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(layer.apply(a));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => convLstm2d(opts({ filters: 0 }))).toThrow(/filters must be an integer ≥ 1/);
    expect(() => convLstm2d(opts({ kernelSize: [3] as never }))).toThrow(
      /kernelSize must be a number or 2 numbers/,
    );
    expect(() => convLstm2d(opts({ strides: 2, dilationRate: 2 }))).toThrow(ConfigError);
    expect(() => convLstm2d(opts({ padding: 'causal' as never }))).toThrow(
      /padding must be one of valid, same/,
    );
    expect(() => convLstm2d(opts({ dataFormat: 'channelsFirst' as never }))).toThrow(ConfigError);
    const layer = convLstm2d(opts({ name: 'c' }));
    expect(() => layer.apply(input({ shape: [TIME, 5, 3] }))).toThrow(
      /c: expected input of rank 5 \[batch, time, height, width, channels\], received rank 4/,
    );
    expect(() =>
      convLstm2d(opts({ kernelSize: 7 })).apply(input({ shape: FRAME.slice() })),
    ).toThrow(ShapeError);
    expect(() =>
      convLstm2d(opts({ kernelSize: 7 })).apply(input({ shape: [TIME, ...FRAME] })),
    ).toThrow(/kernel 7×7 \(dilation 1×1\) does not fit frames of 5×6 with padding 'valid'/);
    layer.apply(tf.zeros([1, 2, ...FRAME]));
    expect(() => layer.apply(tf.zeros([1, 2, 5, 6, 4]))).toThrow(ShapeError);
    expect(() => layer.apply(tf.zeros([1, 2, ...FRAME]), { mask: tf.ones([1, 2]) })).toThrow(
      /c: expected a bool mask/,
    );
  });

  it('drops inputs and recurrent state only while training', () => {
    const x = sequence();
    const plain = convLstm2d(opts({ padding: 'same' }));
    const y = plain.apply(x) as tf.Tensor;
    const dropping = convLstm2d(opts({ padding: 'same', dropout: 0.5, recurrentDropout: 0.5 }));
    dropping.apply(x);
    dropping.setWeights(plain.getWeights());
    expect(maxAbsDiff(dropping.apply(x) as tf.Tensor, y)).toBe(0);
    const trained = dropping.apply(x, { training: true }) as tf.Tensor;
    expect(trained.shape).toEqual(y.shape);
    expect(maxAbsDiff(trained, y)).toBeGreaterThan(1e-3);
    expect(dropping.getConfig()).toMatchObject({ dropout: 0.5, recurrent_dropout: 0.5 });
  });

  it('leaks no tensors, eagerly or in a model', () => {
    const layer = convLstm2d(opts({ returnSequences: true, returnState: true }));
    const x = sequence();
    const mask = sampleMask(BATCH, TIME);
    tf.dispose(layer.apply(x, { mask }));
    const xs = input({ shape: [TIME, ...FRAME] });
    const m = model({ inputs: xs, outputs: convLstm2d(opts({})).apply(xs) as SymbolicTensor });
    tf.dispose(m.predict(x));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose(layer.apply(x, { mask }));
      tf.dispose(m.predict(x));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
