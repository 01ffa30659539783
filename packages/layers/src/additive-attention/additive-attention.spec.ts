import * as tf from '@tensorflow/tfjs-core';
import { deserializeLayer, input, resetNames, serializeLayer, ShapeError } from '@framewise/core';
import { expectNoLeak } from '../testing/basic-layers.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  AdditiveAttention,
  additiveAttention,
  additiveAttentionPlugin,
} from './additive-attention.js';
import '../index.js';

// tfjs-layers 4.22 has no AdditiveAttention layer: the expected values are
// worked out here with tfjs-core ops, one step at a time, as Keras 2 does.

beforeEach(() => resetNames());

const q = (): tf.Tensor3D =>
  tf.tensor3d([
    [
      [1, 0],
      [0.5, -1],
    ],
  ]);
const v = (): tf.Tensor3D =>
  tf.tensor3d([
    [
      [1, 2],
      [3, -1],
      [0, 1],
    ],
  ]);
const k = (): tf.Tensor3D =>
  tf.tensor3d([
    [
      [0, 1],
      [1, 1],
      [-1, 0],
    ],
  ]);

/** score[b, i, j] = Σ_d scale[d] · tanh(q[b, i, d] + k[b, j, d]) */
function scores(query: tf.Tensor, key: tf.Tensor, scale: number[]): tf.Tensor {
  const sums = tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1));
  return tf.sum(tf.mul(tf.tanh(sums), tf.tensor1d(scale)), 3);
}

describe('AdditiveAttention', () => {
  it('works out one score by hand', () => {
    const layer = additiveAttention({ useScale: false });
    const y = layer.apply([tf.tensor3d([[[0.5]]]), tf.tensor3d([[[0.5], [-0.5]]])]) as tf.Tensor;
    // Scores tanh(1) and tanh(0) = 0; the value steps are 0.5 and -0.5.
    const w0 = Math.exp(Math.tanh(1)) / (Math.exp(Math.tanh(1)) + 1);
    expect(y.dataSync()[0]).toBeCloseTo(0.5 * w0 - 0.5 * (1 - w0), 6);
  });

  it('weighs each feature by the trained vector `scale` (sized by the value features, as Keras 2)', () => {
    const layer = additiveAttention();
    layer.apply([q(), v(), k()]);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['additive_attention_1/scale', [2]],
    ]);
    layer.setWeights([tf.tensor1d([0.7, -1.5])]);
    const y = layer.apply([q(), v(), k()]) as tf.Tensor;
    const expected = tf.matMul(tf.softmax(scores(q(), k(), [0.7, -1.5])), v());
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
  });

  it('takes masks and causal like Attention', () => {
    const layer = additiveAttention({ useScale: false, causal: true });
    const queryMask = tf.tensor2d([[false, true]], [1, 2], 'bool');
    const valueMask = tf.tensor2d([[true, false, true]], [1, 3], 'bool');
    const y = layer.apply([q(), v(), k()], { mask: [queryMask, valueMask] }) as tf.Tensor;
    // Step 0 sees value step 0; step 1 sees steps 0 and 1, but step 1 is masked.
    const blocked = tf.tensor3d([
      [
        [0, 1, 1],
        [0, 1, 1],
      ],
    ]);
    const w = tf.softmax(tf.sub(scores(q(), k(), [1, 1]), tf.mul(blocked, 1e9)));
    const expected = tf.mul(tf.matMul(w, v()), tf.tensor3d([[[0], [1]]]));
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
  });

  it('writes Keras 2 config keys and reads them back', () => {
    const layer = additiveAttention({ useScale: false, dropout: 0.1 });
    const config = layer.getConfig();
    expect(config).toMatchObject({ use_scale: false, dropout: 0.1, causal: false });
    const again = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer))));
    expect(again).toBeInstanceOf(AdditiveAttention);
    expect(again.getConfig()).toEqual(config);
    const keras = additiveAttentionPlugin.fromConfig({
      name: 'additive_attention',
      trainable: true,
      dtype: 'float32',
      use_scale: true,
      dropout: 0.0,
      causal: true,
    });
    expect(keras.getConfig()).toMatchObject({ use_scale: true, causal: true });
  });

  it('counts MACs and parameters', () => {
    const layer = additiveAttention();
    layer.apply([input({ shape: [4, 3] }), input({ shape: [5, 3] })]);
    expect(layer.countParams()).toBe(3);
    expect(
      layer.macs([
        [null, 4, 3],
        [null, 5, 3],
      ]),
    ).toBe(4 * 5 * 3 * 2);
  });

  it('refuses a key and value of other features, naming the layer', () => {
    expect(() =>
      additiveAttention({ name: 'add_att' }).apply([
        input({ shape: [4, 3] }),
        input({ shape: [5, 2] }),
        input({ shape: [5, 3] }),
      ]),
    ).toThrow(ShapeError);
  });

  it('leaks no tensors', () => {
    const layer = additiveAttention({ dropout: 0.2 });
    const [query, value] = [q(), v()];
    expectNoLeak(() => layer.apply([query, value], { training: true }) as tf.Tensor);
  });
});
