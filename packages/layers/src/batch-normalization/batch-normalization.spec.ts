import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  deserializeLayer,
  input,
  type Layer,
  resetNames,
  serializeLayer,
  ShapeError,
  timeDistributed,
  toKerasConfig,
} from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  batchNormalization,
  batchNormalizationPlugin,
  type BatchNormalizationOptions,
} from './batch-normalization.js';
import '../index.js';

beforeEach(() => resetNames());
// Until register-all.ts lists the plugin; the guard keeps this harmless afterwards.

/** Random gamma, beta, moving mean and moving variance (> 0), in the layer's weight order. */
function randomizeWeights(layer: Layer): void {
  const values = layer.weights.map((w) =>
    w.name.endsWith('variance') || w.name.endsWith('gamma')
      ? tf.randomUniform(w.shape, 0.5, 2)
      : tf.randomNormal(w.shape),
  );
  layer.setWeights(values);
  tf.dispose(values);
}

/** Keras' training-mode formula written out: statistics over `axes`, population variance. */
function handNormalize(
  x: tf.Tensor,
  axes: number[],
  gamma: tf.Tensor,
  beta: tf.Tensor,
  paramShape: number[],
  epsilon = 1e-3,
): tf.Tensor {
  return tf.tidy(() => {
    const mean = tf.mean(x, axes, true);
    const variance = tf.mean(tf.square(tf.sub(x, mean)), axes, true);
    const normed = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, epsilon)));
    return tf.add(tf.mul(normed, tf.reshape(gamma, paramShape)), tf.reshape(beta, paramShape));
  });
}

/** `momentum * old + (1 - momentum) * value`, the moving average after one update. */
function moved(old: tf.Tensor, value: tf.Tensor, momentum = 0.99): tf.Tensor {
  return tf.tidy(() => tf.add(tf.mul(old, momentum), tf.mul(value, 1 - momentum)));
}

function snapshot(layer: Layer): tf.Tensor[] {
  return layer.getWeights().map((w) => tf.clone(w));
}

describe('BatchNormalization', () => {
  it.each<[number[], BatchNormalizationOptions]>([
    [[5, 4], {}],
    [[3, 4, 6], {}],
    [[2, 3, 3, 4], {}],
    [[2, 3, 3, 4], { center: false }],
    [[3, 4, 6], { scale: false, epsilon: 0.01 }],
  ])('equals tfjs-layers in inference on %j with %j', (shape, options) => {
    const layer = batchNormalization(options);
    const x = tf.randomNormal(shape, 1, 3);
    layer.apply(x);
    randomizeWeights(layer);
    const ref = referenceApply(tfl.layers.batchNormalization(options as never), x, layer);
    expect(maxAbsDiff(layer.apply(x), ref)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(layer.apply(x, { training: false }), ref)).toBeLessThanOrEqual(1e-5);
  });

  it('infers shapes with open sizes, counts parameters and orders its weights as tfjs-layers and Keras', () => {
    const layer = batchNormalization();
    const reference = tfl.layers.batchNormalization();
    for (const shape of [
      [null, 6],
      [null, null, 6],
      [null, 1, 1, 6],
    ]) {
      expect(layer.computeOutputShape(shape)).toEqual(shape);
      expect(layer.computeOutputShape(shape)).toEqual(reference.computeOutputShape(shape as never));
    }
    const y = layer.apply(input({ shape: [null, 6] }));
    expect(y.shape).toEqual([null, null, 6]);
    reference.apply(tfl.input({ shape: [null, 6] }));
    expect(layer.countParams()).toBe(reference.countParams());
    expect(layer.countParams()).toBe(24);
    expect(layer.weights.map((w) => w.name)).toEqual([
      'batch_normalization_1/gamma',
      'batch_normalization_1/beta',
      'batch_normalization_1/moving_mean',
      'batch_normalization_1/moving_variance',
    ]);
    expect(layer.trainableWeights.map((w) => w.size)).toEqual([6, 6]);
    const lean = batchNormalization({ center: false, scale: false });
    lean.apply(input({ shape: [6] }));
    expect(lean.countParams()).toBe(12);
    expect(lean.trainableWeights).toEqual([]);
  });

  it('normalises with the batch statistics while training, as tfjs-layers, and moves each average once', () => {
    const layer = batchNormalization({ momentum: 0.9 });
    const x = tf.randomNormal([6, 3, 4], 2, 3);
    layer.apply(x);
    randomizeWeights(layer);
    const [gamma, beta, mean0, var0] = snapshot(layer);
    const reference = tfl.layers.batchNormalization({ momentum: 0.9 });
    reference.build(x.shape);
    reference.setWeights(layer.getWeights());

    const y = layer.apply(x, { training: true });
    expect(maxAbsDiff(y, handNormalize(x, [0, 1], gamma!, beta!, [4]))).toBeLessThanOrEqual(1e-5);
    const ref = reference.apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(y, ref)).toBeLessThanOrEqual(1e-5);

    const { mean, variance } = tf.moments(x, [0, 1]);
    const [, , mean1, var1] = layer.getWeights();
    expect(maxAbsDiff(mean1!, moved(mean0!, mean, 0.9))).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(var1!, moved(var0!, variance, 0.9))).toBeLessThanOrEqual(1e-6);
    reference.getWeights().forEach((w, i) => {
      expect(maxAbsDiff(layer.getWeights()[i]!, w)).toBeLessThanOrEqual(1e-6);
    });
  });

  it('normalises a feature axis other than the last (axis 1), where tfjs-layers on the cpu backend does not broadcast', () => {
    const layer = batchNormalization({ axis: 1 });
    const x = tf.randomNormal([3, 4, 2, 5], 1, 2);
    layer.apply(x);
    randomizeWeights(layer);
    const [gamma, beta, movingMean, movingVariance] = snapshot(layer);
    const trained = layer.apply(x, { training: true });
    expect(
      maxAbsDiff(trained, handNormalize(x, [0, 2, 3], gamma!, beta!, [1, 4, 1, 1])),
    ).toBeLessThanOrEqual(1e-5);
    expect(
      maxAbsDiff(layer.getWeights()[2]!, moved(movingMean!, tf.mean(x, [0, 2, 3]))),
    ).toBeLessThanOrEqual(1e-6);
    layer.setWeights([gamma!, beta!, movingMean!, movingVariance!]);
    const inferred = tf.tidy(() => {
      const p = (t: tf.Tensor) => tf.reshape(t, [1, 4, 1, 1]);
      const normed = tf.div(tf.sub(x, p(movingMean!)), tf.sqrt(tf.add(p(movingVariance!), 1e-3)));
      return tf.add(tf.mul(normed, p(gamma!)), p(beta!));
    });
    expect(maxAbsDiff(layer.apply(x), inferred)).toBeLessThanOrEqual(1e-5);
  });

  it('leaves the moving averages alone in inference mode, and runs in inference mode when frozen (tf.keras 2)', () => {
    const layer = batchNormalization();
    const x = tf.randomNormal([4, 3], 5, 2);
    layer.apply(x);
    randomizeWeights(layer);
    const before = snapshot(layer);
    const inferred = layer.apply(x);
    layer.getWeights().forEach((w, i) => expect(maxAbsDiff(w, before[i]!)).toBe(0));

    layer.trainable = false;
    expect(layer.readsStepLayout(true)).toBe(false);
    expect(maxAbsDiff(layer.apply(x, { training: true }), inferred)).toBe(0);
    layer.getWeights().forEach((w, i) => expect(maxAbsDiff(w, before[i]!)).toBe(0));

    const td = timeDistributed(batchNormalization());
    td.apply(tf.zeros([1, 2, 3]));
    td.trainable = false;
    const tdBefore = snapshot(td);
    td.apply(tf.randomNormal([2, 2, 3]), { training: true });
    td.getWeights().forEach((w, i) => expect(maxAbsDiff(w, tdBefore[i]!)).toBe(0));
  });

  it('leaves masked slices out of the training statistics', () => {
    const layer = batchNormalization({ center: false, scale: false });
    const x = tf.randomNormal([2, 5, 3]);
    const mask = tf.tensor2d(
      [
        [1, 1, 1, 0, 0],
        [1, 1, 0, 0, 0],
      ],
      undefined,
      'bool',
    );
    const y = layer.apply(x, { training: true, mask });
    const kept = tf.concat(
      [tf.slice(x, [0, 0, 0], [1, 3, 3]), tf.slice(x, [1, 0, 0], [1, 2, 3])],
      1,
    );
    const { mean, variance } = tf.moments(kept, [0, 1]);
    const expected = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3)));
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(layer.getWeights()[0]!, moved(tf.zeros([3]), mean))).toBeLessThanOrEqual(
      1e-6,
    );
    expect(() => layer.apply(x, { training: true, mask: tf.ones([5], 'bool') })).toThrow(
      /expected a mask whose shape starts the input's \(2, 5, 3\).*received \(5,\)/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const options: BatchNormalizationOptions = {
      axis: 1,
      momentum: 0.9,
      epsilon: 1e-5,
      center: false,
      movingVarianceInitializer: 'randomUniform',
      name: 'bn',
    };
    const layer = batchNormalization(options);
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'bn',
      axis: 1,
      momentum: 0.9,
      epsilon: 1e-5,
      center: false,
      scale: true,
      gamma_initializer: { class_name: 'Ones', config: {} },
      moving_variance_initializer: { class_name: 'RandomUniform' },
    });
    const roundTrip = batchNormalizationPlugin.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(roundTrip.getConfig()).toEqual(config);
    const reference = toKerasConfig(
      tfl.layers.batchNormalization(options as never).getConfig() as Record<string, unknown>,
    );
    // tfjs-layers leaves out dtype when none was given; Keras always writes it.
    expect(Object.keys(config).sort()).toEqual([...Object.keys(reference), 'dtype'].sort());
    const td = timeDistributed(batchNormalization({ momentum: 0.9 }));
    const restored = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(td))));
    expect(restored.getConfig()).toEqual(td.getConfig());
    expect(td.getConfig()).toMatchObject({
      layer: { class_name: 'BatchNormalization', config: { momentum: 0.9, axis: -1 } },
    });
  });

  it('reads tf.keras 2 configs (axis as a list, fused) and refuses what it cannot honour', () => {
    const keras = {
      name: 'bn_conv1',
      trainable: true,
      dtype: 'float32',
      axis: [3],
      momentum: 0.99,
      epsilon: 0.001,
      center: true,
      scale: true,
      beta_initializer: { class_name: 'Zeros', config: {} },
      gamma_initializer: { class_name: 'Ones', config: {} },
      moving_mean_initializer: { class_name: 'Zeros', config: {} },
      moving_variance_initializer: { class_name: 'Ones', config: {} },
      beta_regularizer: null,
      gamma_regularizer: null,
      beta_constraint: null,
      gamma_constraint: null,
      fused: true,
    };
    const layer = batchNormalizationPlugin.fromConfig(keras);
    expect(layer.getConfig()).toMatchObject({ name: 'bn_conv1', axis: 3 });
    expect(() => batchNormalizationPlugin.fromConfig({ ...keras, renorm: true })).toThrow(
      /bn_conv1: BatchNormalization: renorm is not supported yet; received true/,
    );
    const l2 = { class_name: 'L2', config: { l2: 0.01 } };
    expect(
      batchNormalizationPlugin.fromConfig({ ...keras, gamma_regularizer: l2 }).getConfig(),
    ).toMatchObject({ gamma_regularizer: l2, beta_regularizer: null });
    expect(() => batchNormalizationPlugin.fromConfig({ ...keras, axis: [1, 2] })).toThrow(
      /axis must be one axis, received \[1,2\]/,
    );
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => batchNormalization({ momentum: 1.5 })).toThrow(
      /momentum must be a number between 0 and 1, received 1.5/,
    );
    expect(() => batchNormalization({ epsilon: -1 })).toThrow(ConfigError);
    expect(() => batchNormalization({ axis: 1.5 })).toThrow(/axis must be an integer/);
    expect(() => batchNormalization({ center: 'yes' as never })).toThrow(
      /center must be true or false/,
    );
    expect(() => batchNormalization({ gammaInitializer: 'nope' as never })).toThrow(ConfigError);
    expect(() => batchNormalization({ name: 'bn' }).apply(input({ shape: [null] }))).toThrow(
      /bn: axis -1 of the input \(the features\) must have a known size to build, received \(None, None\)/,
    );
    expect(() => batchNormalization({ axis: 3, name: 'bn' }).apply(input({ shape: [4] }))).toThrow(
      /bn: expected input of rank 4 or more \(features on axis 3\), received rank 2: \(None, 4\)/,
    );
    const built = batchNormalization({ name: 'bn' });
    built.apply(tf.zeros([2, 4]));
    expect(() => built.apply(tf.zeros([2, 5]))).toThrow(ShapeError);
    expect(() => built.apply(tf.zeros([2, 5]))).toThrow(
      /bn: expected axis -1 of the input to have size 4 .*received 5 in \(None, 5\)/,
    );
    expect(() => built.apply(tf.zeros([2, 3, 4]))).toThrow(/expected input of rank 2/);
  });

  it('leaks no tensors in inference or training, alone or wrapped', () => {
    const layer = batchNormalization();
    const td = timeDistributed(batchNormalization(), { statistics: 'perStep' });
    const looped = timeDistributed(batchNormalization(), { strategy: 'loop' });
    const merged = timeDistributed(batchNormalization({ axis: 1 }));
    const x = tf.randomNormal([2, 3, 4]);
    const mask = tf.ones([2, 3], 'bool');
    const images = tf.randomNormal([2, 3, 4, 2]);
    const run = () => {
      tf.dispose([
        layer.apply(x),
        layer.apply(x, { training: true }),
        layer.apply(x, { training: true, mask }),
        td.apply(x, { training: true }),
        td.apply(x),
        looped.apply(x, { training: true }),
        merged.apply(images, { training: true, mask }),
      ]);
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });
});
