import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  deserializeLayer,
  input,
  model,
  modelFromJSON,
  resetNames,
  ShapeError,
  serializeLayer,
  timeDistributed,
} from '@framewise/core';
import { masking } from '../masking/masking.js';
import { expectNoLeak } from '../testing/basic-layers.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { Attention, attention, attentionPlugin } from './attention.js';
import '../index.js';

// tfjs-layers 4.22 has no Attention layer: the expected values are worked
// out here with tfjs-core ops, one step at a time, as Keras 2 computes them.

beforeEach(() => resetNames());

const t3 = (values: number[][][]): tf.Tensor3D => tf.tensor3d(values);
const query = (): tf.Tensor3D =>
  t3([
    [
      [1, 0],
      [0.5, -1],
    ],
    [
      [0, 2],
      [1, 1],
    ],
  ]);
const value = (): tf.Tensor3D =>
  t3([
    [
      [1, 2],
      [3, -1],
      [0, 1],
    ],
    [
      [2, 0],
      [-1, 1],
      [1, 1],
    ],
  ]);
const key = (): tf.Tensor3D =>
  t3([
    [
      [0, 1],
      [1, 1],
      [-1, 0],
    ],
    [
      [1, 0],
      [0, -1],
      [2, 1],
    ],
  ]);

describe('Attention', () => {
  it('works out one score by hand: softmax([1, 0]) weighs the two value steps', () => {
    const y = attention().apply([
      t3([[[1, 0]]]),
      t3([
        [
          [1, 0],
          [0, 0],
        ],
      ]),
    ]) as tf.Tensor;
    const e = Math.E;
    // Scores q·k = [1, 0]; weights [e, 1] / (e + 1); the value steps are [1, 0] and [0, 0].
    expect(Array.from(y.dataSync())[0]).toBeCloseTo(e / (e + 1), 6);
    expect(Array.from(y.dataSync())[1]).toBeCloseTo(0, 6);
  });

  it('dot scores with a key: softmax(q · kᵀ) · v', () => {
    const [q, v, k] = [query(), value(), key()];
    const y = attention().apply([q, v, k]) as tf.Tensor;
    const scores = tf.matMul(q, k, false, true);
    const expected = tf.matMul(tf.softmax(scores), v);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
  });

  it('without a key, the value is the key', () => {
    const [q, v] = [query(), value()];
    const y = attention().apply([q, v]) as tf.Tensor;
    const expected = tf.matMul(tf.softmax(tf.matMul(q, v, false, true)), v);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
  });

  it('useScale multiplies the scores by the trained scalar `scale`', () => {
    const layer = attention({ useScale: true });
    const [q, v, k] = [query(), value(), key()];
    layer.apply([q, v, k]);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([['attention_1/scale', []]]);
    layer.setWeights([tf.scalar(2.5)]);
    const y = layer.apply([q, v, k]) as tf.Tensor;
    const scores = tf.mul(tf.matMul(q, k, false, true), 2.5);
    expect(maxAbsDiff(y, tf.matMul(tf.softmax(scores), v))).toBeLessThan(1e-6);
  });

  it("scoreMode 'concat': concat_score_weight · Σ tanh(scale · (q + k)) over the features", () => {
    const layer = attention({ scoreMode: 'concat', useScale: true });
    const [q, v, k] = [query(), value(), key()];
    layer.apply([q, v, k]);
    expect(layer.weights.map((w) => w.name)).toEqual([
      'attention_1/scale',
      'attention_1/concat_score_weight',
    ]);
    layer.setWeights([tf.scalar(0.5), tf.scalar(3)]);
    const y = layer.apply([q, v, k]) as tf.Tensor;
    // score[b, i, j] = 3 · Σ_d tanh(0.5 · (q[b, i, d] + k[b, j, d]))
    const sums = tf.add(tf.reshape(q, [2, 2, 1, 2]), tf.reshape(k, [2, 1, 3, 2]));
    const scores = tf.mul(3, tf.sum(tf.tanh(tf.mul(0.5, sums)), 3));
    expect(maxAbsDiff(y, tf.matMul(tf.softmax(scores), v))).toBeLessThan(1e-6);
  });

  it('masks: value steps masked out get no weight, masked query steps give zeros', () => {
    const [q, v] = [query(), value()];
    const queryMask = tf.tensor2d(
      [
        [true, false],
        [true, true],
      ],
      [2, 2],
      'bool',
    );
    const valueMask = tf.tensor2d(
      [
        [true, true, false],
        [false, true, true],
      ],
      [2, 3],
      'bool',
    );
    const y = attention().apply([q, v], { mask: [queryMask, valueMask] }) as tf.Tensor;
    const scores = tf.matMul(q, v, false, true);
    const padding = tf.reshape(tf.cast(tf.logicalNot(valueMask), 'float32'), [2, 1, 3]);
    const weights = tf.softmax(tf.sub(scores, tf.mul(padding, 1e9)));
    const rows = tf.reshape(tf.cast(queryMask, 'float32'), [2, 2, 1]);
    const expected = tf.mul(tf.matMul(weights, v), rows);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
    // The masked value step really got nothing: sample 0 is a mix of value steps 0 and 1 only.
    const w = attention({ returnAttentionScores: true }).apply([q, v], {
      mask: [null, valueMask],
    }) as tf.Tensor[];
    expect(Array.from(w[1]!.dataSync()).filter((_, i) => i % 3 === 2 && i < 6)).toEqual([0, 0]);
  });

  it('causal (Keras 2.x config) and useCausalMask (Keras 2.10+) let step i see steps up to i', () => {
    const [q, v] = [
      t3([
        [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
      ]),
      t3([
        [
          [1, 2],
          [3, -1],
          [0, 1],
        ],
      ]),
    ];
    const scores = tf.matMul(q, v, false, true);
    const future = tf.tensor3d([
      [
        [0, 1, 1],
        [0, 0, 1],
        [0, 0, 0],
      ],
    ]);
    const expected = tf.matMul(tf.softmax(tf.sub(scores, tf.mul(future, 1e9))), v);
    for (const layer of [attention({ causal: true }), attention({ useCausalMask: true })]) {
      expect(maxAbsDiff(layer.apply([q, v]) as tf.Tensor, expected)).toBeLessThan(1e-6);
      expect(layer.getConfig()['causal']).toBe(true);
    }
  });

  it('returnAttentionScores gives [result, weights [batch, Tq, Tv]], symbolically too', () => {
    const layer = attention({ returnAttentionScores: true });
    const [q, v] = [query(), value()];
    const [y, w] = layer.apply([q, v]) as tf.Tensor[];
    const weights = tf.softmax(tf.matMul(q, v, false, true));
    expect(maxAbsDiff(w!, weights)).toBeLessThan(1e-6);
    expect(maxAbsDiff(y!, tf.matMul(weights, v))).toBeLessThan(1e-6);
    const outs = attention({ returnAttentionScores: true }).apply([
      input({ shape: [4, 2] }),
      input({ shape: [5, 3] }),
      input({ shape: [5, 2] }),
    ]);
    expect((outs as { shape: unknown }[]).map((o) => o.shape)).toEqual([
      [null, 4, 3],
      [null, 4, 5],
    ]);
  });

  it('dropout drops attention weights only while training', () => {
    const layer = attention({ dropout: 0.5 });
    const [q, v] = [query(), value()];
    const expected = tf.matMul(tf.softmax(tf.matMul(q, v, false, true)), v);
    expect(maxAbsDiff(layer.apply([q, v], { training: false }) as tf.Tensor, expected)).toBe(0);
    expect(
      maxAbsDiff(layer.apply([q, v], { training: true }) as tf.Tensor, expected),
    ).toBeGreaterThan(0);
  });

  it('seed repeats the sequence of dropout masks, call after call, and is saved', () => {
    const [q, v] = [query(), value()];
    const outputs = (layer: Attention): Float32Array[] =>
      [0, 1, 2].map((): Float32Array => {
        const y = layer.apply([q, v], { training: true }) as tf.Tensor;
        const values = y.dataSync() as Float32Array;
        y.dispose();
        return values;
      });
    const first = outputs(attention({ dropout: 0.5, seed: 3 }));
    // Each call draws a new mask, and a layer made with the same seed draws the same ones.
    expect(first[0]).not.toEqual(first[1]);
    expect(outputs(attention({ dropout: 0.5, seed: 3 }))).toEqual(first);
    const saved = serializeLayer(attention({ dropout: 0.5, seed: 3 }));
    expect(saved.config).toMatchObject({ seed: 3 });
    expect(outputs(deserializeLayer(saved) as Attention)).toEqual(first);
    expect(serializeLayer(attention({ dropout: 0.5 })).config).not.toHaveProperty('seed');
    expect(() => attention({ seed: Number.NaN })).toThrow(ConfigError);
    expect(() => attention({ seed: 'x' as never })).toThrow(/seed must be a number, received "x"/);
  });

  it('passes the query mask on through a model, from a Masking layer', () => {
    const qIn = input({ shape: [2, 2] });
    const vIn = input({ shape: [3, 2] });
    const att = attention();
    const m = model({
      inputs: [qIn, vIn],
      outputs: att.apply([masking().apply(qIn), masking().apply(vIn)]),
    });
    const q = t3([
      [
        [1, 2],
        [0, 0],
      ],
    ]);
    const v = t3([
      [
        [1, 0],
        [0, 0],
        [2, 1],
      ],
    ]);
    const y = m.predict([q, v]) as tf.Tensor;
    const weights = tf.softmax(tf.sub(tf.matMul(q, v, false, true), tf.tensor3d([[[0, 1e9, 0]]])));
    const expected = tf.mul(tf.matMul(weights, v), tf.tensor3d([[[1], [0]]]));
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-6);
    // The model survives Keras JSON and computes the same.
    const again = modelFromJSON(m.toJSON());
    expect(maxAbsDiff(again.predict([q, v]) as tf.Tensor, y)).toBe(0);
  });

  it('runs inside TimeDistributed on several inputs (unlike Keras), each step alone', () => {
    const [q, v] = [
      tf.randomNormal([2, 3, 2, 4], 0, 1, 'float32', 1),
      tf.randomNormal([2, 3, 5, 4], 0, 1, 'float32', 2),
    ];
    const y = timeDistributed(attention()).apply([q, v]) as tf.Tensor;
    const steps = tf.unstack(q, 1).map((qt, t) => {
      const vt = tf.squeeze(tf.slice(v, [0, t, 0, 0], [2, 1, 5, 4]), [1]);
      return tf.matMul(tf.softmax(tf.matMul(qt, vt, false, true)), vt);
    });
    expect(maxAbsDiff(y, tf.stack(steps, 1))).toBeLessThan(1e-6);
    // A value without the time axis is one input for every step when marked as broadcast.
    const shared = timeDistributed(attention(), { broadcastInputs: [1] }).apply([
      input({ shape: [3, 2, 4] }),
      input({ shape: [5, 4] }),
    ]);
    expect((shared as { shape: unknown }).shape).toEqual([null, 3, 2, 4]);
    expect(() =>
      timeDistributed(attention()).apply([input({ shape: [3, 2, 4] }), input({ shape: [5, 4] })]),
    ).toThrow(/distributed inputs must share \[batch, time\]/);
  });

  it('writes Keras 2 config keys and reads them back, JSON and all', () => {
    const layer = attention({ useScale: true, scoreMode: 'concat', dropout: 0.25, causal: true });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      use_scale: true,
      score_mode: 'concat',
      dropout: 0.25,
      causal: true,
    });
    expect('return_attention_scores' in config).toBe(false);
    const again = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer))));
    expect(again).toBeInstanceOf(Attention);
    expect(again.getConfig()).toEqual(config);
    // A Keras 2.11 config (no `causal` key).
    const keras = attentionPlugin.fromConfig({
      name: 'attention',
      trainable: true,
      dtype: 'float32',
      use_scale: false,
      score_mode: 'dot',
      dropout: 0.0,
    });
    expect(keras.getConfig()).toMatchObject({
      name: 'attention',
      causal: false,
      score_mode: 'dot',
    });
  });

  it('counts MACs: the scores and the weighted sum', () => {
    // Tq 4, Tv 5, dim 3, value features 3: 4·5·3 + 4·5·3.
    expect(
      attention().macs([
        [null, 4, 3],
        [null, 5, 3],
      ]),
    ).toBe(120);
    expect(
      attention().macs([
        [null, 4, 3],
        [null, 5, 6],
        [null, 5, 3],
      ]),
    ).toBe(4 * 5 * 3 + 4 * 5 * 6);
  });

  it('refuses bad inputs and options with typed errors naming the layer, leaking nothing', () => {
    const before = tf.memory().numTensors;
    const layer = attention({ name: 'att' });
    tf.tidy(() => {
      const q = tf.zeros([2, 3, 4]);
      expect(() => layer.apply(q)).toThrow(ShapeError);
      expect(() => layer.apply(q)).toThrow(/att.*2 or 3 inputs \[query, value\]/s);
      expect(() => layer.apply([q, tf.zeros([2, 3, 5])])).toThrow(
        /query and key must have the same features/,
      );
      expect(() => layer.apply([q, tf.zeros([2, 3, 4]), tf.zeros([2, 5, 4])])).toThrow(
        /key and value must have the same number of steps/,
      );
      expect(() => layer.apply([q, tf.zeros([2, 3])])).toThrow(
        /value must be \[batch, steps, features\]/,
      );
      expect(() => layer.apply([q, tf.zeros([3, 3, 4])])).toThrow(/batch size/);
      expect(() => attention({ scoreMode: 'add' as 'dot' })).toThrow(ConfigError);
      expect(() => attention({ dropout: 1 })).toThrow(/dropout must be a number in \[0, 1\)/);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaks no tensors with masks and scores', () => {
    const layer = attention({ useScale: true, returnAttentionScores: true });
    const [q, v] = [query(), value()];
    const mask = tf.tensor2d(
      [
        [true, false, true],
        [true, true, true],
      ],
      [2, 3],
      'bool',
    );
    expectNoLeak(() => layer.apply([q, v], { mask: [null, mask], training: true }) as tf.Tensor[]);
  });
});
