import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, input, resetNames, ShapeError } from '@framewise/core';
import { expectNoLeak } from '../testing/basic-layers.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { type MultiHeadAttention, multiHeadAttention } from './multi-head-attention.js';
import '../index.js';

// tfjs-layers 4.22 has no MultiHeadAttention among its exported layers: the
// expected values follow Keras 2's einsum equations with tf.einsum, step by step.

beforeEach(() => resetNames());

const seq = (shape: number[], phase: number): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
      Math.sin(0.7 * i + phase),
    ),
    shape,
  );

/** Keras 2's MultiHeadAttention on rank-3 inputs, from its einsum equations. */
function reference(
  weights: tf.Tensor[],
  query: tf.Tensor,
  value: tf.Tensor,
  key: tf.Tensor,
  keyDim: number,
  mask?: tf.Tensor,
): { output: tf.Tensor; scores: tf.Tensor } {
  const [wq, bq, wk, bk, wv, bv, wo, bo] = weights as [
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
  ];
  const q = tf.mul(tf.add(tf.einsum('abc,cde->abde', query, wq), bq), 1 / Math.sqrt(keyDim));
  const k = tf.add(tf.einsum('abc,cde->abde', key, wk), bk);
  const v = tf.add(tf.einsum('abc,cde->abde', value, wv), bv);
  let raw = tf.einsum('aecd,abcd->acbe', k, q); // [batch, heads, Tq, Tk]
  if (mask) raw = tf.add(raw, tf.mul(tf.sub(1, tf.cast(tf.expandDims(mask, 1), 'float32')), -1e9));
  const scores = tf.softmax(raw);
  const attended = tf.einsum('acbe,aecd->abcd', scores, v); // [batch, Tq, heads, valueDim]
  return { output: tf.add(tf.einsum('abcd,cde->abe', attended, wo), bo), scores };
}

function randomize(layer: MultiHeadAttention): tf.Tensor[] {
  const values = layer.weights.map((w, i) => tf.mul(seq(w.shape, i), 0.6));
  layer.setWeights(values);
  return values;
}

describe('MultiHeadAttention', () => {
  it("names and shapes its weights as Keras 2 saves them (EinsumDense kernels, then the output's)", () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 4 });
    layer.apply([input({ shape: [5, 6] }), input({ shape: [7, 8] }), input({ shape: [7, 9] })]);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['multi_head_attention_1/query/kernel', [6, 2, 3]],
      ['multi_head_attention_1/query/bias', [2, 3]],
      ['multi_head_attention_1/key/kernel', [9, 2, 3]],
      ['multi_head_attention_1/key/bias', [2, 3]],
      ['multi_head_attention_1/value/kernel', [8, 2, 4]],
      ['multi_head_attention_1/value/bias', [2, 4]],
      ['multi_head_attention_1/attention_output/kernel', [2, 4, 6]],
      ['multi_head_attention_1/attention_output/bias', [6]],
    ]);
    expect(layer.countParams()).toBe(6 * 6 + 6 + 9 * 6 + 6 + 8 * 8 + 8 + 2 * 4 * 6 + 6);
  });

  it('equals the einsum equations of Keras 2, with and without a key', () => {
    const layer = multiHeadAttention({
      numHeads: 2,
      keyDim: 3,
      valueDim: 2,
      returnAttentionScores: true,
    });
    const [query, value, key] = [seq([2, 4, 5], 0), seq([2, 3, 6], 1), seq([2, 3, 5], 2)];
    layer.apply([query, value, key]);
    const weights = randomize(layer);
    const [y, s] = layer.apply([query, value, key]) as tf.Tensor[];
    const expected = reference(weights, query, value, key, 3);
    expect(y!.shape).toEqual([2, 4, 5]);
    expect(s!.shape).toEqual([2, 2, 4, 3]);
    expect(maxAbsDiff(y!, expected.output)).toBeLessThan(1e-5);
    expect(maxAbsDiff(s!, expected.scores)).toBeLessThan(1e-6);

    const self = multiHeadAttention({ numHeads: 3, keyDim: 2, useBias: false, outputShape: 4 });
    self.apply([query, query]);
    const w = randomize(self);
    const zeros = [tf.zeros([3, 2]), tf.zeros([3, 2]), tf.zeros([3, 2])];
    const withBiases = [w[0]!, zeros[0]!, w[1]!, zeros[1]!, w[2]!, zeros[2]!, w[3]!, tf.zeros([4])];
    const out = self.apply([query, query]) as tf.Tensor;
    expect(out.shape).toEqual([2, 4, 4]);
    expect(maxAbsDiff(out, reference(withBiases, query, query, query, 2).output)).toBeLessThan(
      1e-5,
    );
  });

  it('combines an attentionMask input with the query, value and key masks and causal (Keras 2.10+)', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 2, useCausalMask: true });
    const [query, value] = [seq([2, 3, 4], 0), seq([2, 3, 4], 1)];
    layer.apply([query, value]);
    const weights = randomize(layer);
    const attentionMask = tf.tensor3d([
      [
        [1, 1, 1],
        [1, 1, 1],
        [0, 1, 1],
      ],
      [
        [1, 1, 0],
        [1, 1, 1],
        [1, 1, 1],
      ],
    ]);
    const queryMask = tf.tensor2d(
      [
        [true, true, true],
        [true, false, true],
      ],
      [2, 3],
      'bool',
    );
    const valueMask = tf.tensor2d(
      [
        [true, true, true],
        [true, true, false],
      ],
      [2, 3],
      'bool',
    );
    const y = layer.apply([query, value, value, attentionMask], {
      mask: [queryMask, valueMask, null, null],
    }) as tf.Tensor;
    const causal = tf.tensor3d([
      [
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
      ],
    ]);
    const combined = [
      tf.cast(attentionMask, 'bool'),
      tf.expandDims(queryMask, 2),
      tf.expandDims(valueMask, 1),
      tf.cast(causal, 'bool'),
    ].reduce((a, b) => tf.logicalAnd(a, b));
    const expected = reference(weights, query, value, value, 2, combined).output;
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
  });

  it('attends over the axes it is given: one axis of a 2-D grid is several sequences, both axes one', () => {
    const grid = seq([2, 3, 4, 5], 0); // [batch, rows, cols, features]
    const perRow = multiHeadAttention({ numHeads: 2, keyDim: 3, attentionAxes: [2] });
    perRow.apply([grid, grid]);
    const flat = multiHeadAttention({ numHeads: 2, keyDim: 3 });
    flat.apply([tf.zeros([2, 12, 5]), tf.zeros([2, 12, 5])]);
    const weights = randomize(perRow);
    flat.setWeights(weights);
    // Axis 2 only: each row is its own sequence, the same as running every row alone.
    const y = perRow.apply([grid, grid]) as tf.Tensor;
    const rows = tf.unstack(grid, 1).map((r) => flat.apply([r, r]) as tf.Tensor);
    expect(maxAbsDiff(y, tf.stack(rows, 1))).toBeLessThan(1e-5);
    // Both axes (the default for rank 4): one sequence of rows × cols positions.
    const joint = multiHeadAttention({ numHeads: 2, keyDim: 3, returnAttentionScores: true });
    joint.apply([grid, grid]);
    joint.setWeights(weights);
    const [z, s] = joint.apply([grid, grid]) as tf.Tensor[];
    const asSeq = tf.reshape(grid, [2, 12, 5]);
    expect(
      maxAbsDiff(tf.reshape(z!, [2, 12, 5]), flat.apply([asSeq, asSeq]) as tf.Tensor),
    ).toBeLessThan(1e-5);
    expect(s!.shape).toEqual([2, 2, 3, 4, 3, 4]);
  });

  it('seed repeats the sequence of dropout masks and is saved', () => {
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 5);
    const outputs = (layer: MultiHeadAttention): Float32Array[] => {
      layer.apply([x, x]);
      tf.tidy(() =>
        layer.setWeights(layer.getWeights().map((w, i) => tf.fill(w.shape, 0.1 * (i + 1)))),
      );
      return [0, 1].map((): Float32Array => {
        const y = layer.apply([x, x], { training: true }) as tf.Tensor;
        const values = y.dataSync() as Float32Array;
        y.dispose();
        return values;
      });
    };
    const options = { numHeads: 2, keyDim: 2, dropout: 0.5, seed: 9 };
    const first = outputs(multiHeadAttention(options));
    expect(first[0]).not.toEqual(first[1]);
    expect(outputs(multiHeadAttention(options))).toEqual(first);
    expect(multiHeadAttention(options).getConfig()).toMatchObject({ seed: 9 });
    expect(() => multiHeadAttention({ ...options, seed: Infinity })).toThrow(ConfigError);
    x.dispose();
  });

  it('counts MACs: four projections, scores and weighted sum', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 4 });
    // Tq 5 (features 6), Tv 7 (value 8, key 9 features).
    const shapes = [
      [null, 5, 6],
      [null, 7, 8],
      [null, 7, 9],
    ];
    const expected =
      5 * 6 * 2 * 3 + 7 * 9 * 2 * 3 + 7 * 8 * 2 * 4 + 5 * 7 * 2 * 3 + 5 * 7 * 2 * 4 + 5 * 2 * 4 * 6;
    expect(layer.macs(shapes)).toBe(expected);
  });

  it('refuses bad inputs and options with typed errors naming the layer, leaking nothing', () => {
    const before = tf.memory().numTensors;
    const layer = multiHeadAttention({ name: 'mha', numHeads: 2, keyDim: 2 });
    tf.tidy(() => {
      const q = tf.zeros([2, 3, 4]);
      expect(() => layer.apply(q)).toThrow(/mha.*2 to 4 inputs/s);
      expect(() => layer.apply([q, tf.zeros([2, 3])])).toThrow(/same rank/);
      expect(() => layer.apply([q, tf.zeros([2, 3, 4]), tf.zeros([2, 5, 4])])).toThrow(
        /same number of steps/,
      );
      expect(() => layer.apply([tf.zeros([2, 4]), tf.zeros([2, 4])])).toThrow(ShapeError);
      expect(() =>
        multiHeadAttention({ numHeads: 2, keyDim: 2, attentionAxes: [2] }).apply([q, q]),
      ).toThrow(/attentionAxes \[2\] must name inner axes/);
    });
    expect(() => multiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(ConfigError);
    expect(() =>
      multiHeadAttention({ numHeads: 2, keyDim: 2, outputShape: 'x' as unknown as number }),
    ).toThrow(/outputShape must be a size/);
    expect(tf.memory().numTensors).toBe(before);
    expect(layer.built).toBe(false);
    // Eager calls leave the batch open until the call itself, which compares them.
    tf.tidy(() =>
      expect(() => layer.apply([tf.zeros([2, 3, 4]), tf.zeros([3, 3, 4])])).toThrow(/batch size/),
    );
  });

  it('leaks no tensors while training, with masks', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.3, useCausalMask: true });
    const x = seq([2, 3, 4], 0);
    const mask = tf.tensor2d(
      [
        [true, true, false],
        [true, true, true],
      ],
      [2, 3],
      'bool',
    );
    expectNoLeak(() => layer.apply([x, x], { training: true, mask: [mask, mask] }) as tf.Tensor);
  });
});
