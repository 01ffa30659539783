// tfjs-layers' LSTM initialises its recurrent kernel with chained tensor methods
// (`rMat.flatten()`), which only the umbrella package registers; it shares the one tfjs-core.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  resetNames,
  type Layer,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import { bidirectional, dense, embedding, lstm } from '@framewise/layers';
import { sequenceTagger } from './model.js';

/** Three sentences of 6, 3 and 1 tokens, padded with 0 at the end to `length`. */
const SENTENCES = [[4, 9, 2, 17, 5, 11], [3, 8, 19], [7]];
function padded(length: number): tf.Tensor2D {
  const rows = SENTENCES.map((s) => [...s, ...Array<number>(length - s.length).fill(0)]);
  return tf.tensor2d(rows, [rows.length, length], 'int32');
}

/** The same stack in tfjs-layers: Embedding(maskZero) → Bidirectional(LSTM) → TimeDistributed(Dense). */
function referenceTagger(): tfl.LayersModel {
  const tokens = tfl.input({ shape: [null] as unknown as number[], dtype: 'int32' });
  const layers = [
    tfl.layers.embedding({ inputDim: 20, outputDim: 8, maskZero: true }),
    tfl.layers.bidirectional({
      layer: tfl.layers.lstm({ units: 6, returnSequences: true }) as tfl.RNN,
    }),
    tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 5, activation: 'softmax' }) }),
  ];
  const y = layers.reduce((x, l) => l.apply(x) as tfl.SymbolicTensor, tokens);
  return tfl.model({ inputs: tokens, outputs: y });
}

/** Gives every tfjs-layers layer the weights of the Framewise layer in the same place. */
function copyWeights(from: Model, to: tfl.LayersModel): void {
  expect(to.layers.map((l) => l.getClassName())).toEqual(from.layers.map((l) => l.className));
  from.layers.forEach((layer, i) => to.layers[i]!.setWeights(layer.getWeights()));
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** Output of one layer's first call, as a model of its own (for intermediate checks). */
function upTo(m: Model, layer: Layer): Model {
  return model({ inputs: m.inputs, outputs: layer.inboundNodes[0]!.outputTensors[0]! });
}

/** Sentence `i`'s real steps, `[length_i, ...]`, from a `[batch, time, ...]` output. */
function realSteps(y: tf.Tensor, i: number): tf.Tensor {
  return tf.squeeze(tf.slice(y, [i, 0], [1, SENTENCES[i]!.length]), [0]);
}

beforeEach(() => resetNames());

describe('sequence tagger: Embedding(maskZero) → Bidirectional(LSTM) → TimeDistributed(Dense)', () => {
  it('has the shapes and parameters of tfjs-layers, layer by layer', () => {
    const m = sequenceTagger();
    expect(m.layers.map((l) => [l.className, l.inboundNodes[0]!.outputTensors[0]!.shape])).toEqual([
      ['InputLayer', [null, null]],
      ['Embedding', [null, null, 8]],
      ['Bidirectional', [null, null, 12]],
      ['TimeDistributed', [null, null, 5]],
    ]);
    // Embedding 20·8 = 160; two LSTMs of 4·(8·6 + 6·6 + 6) = 360 each; Dense 12·5 + 5 = 65.
    const perLayer = [0, 160, 720, 65];
    expect(m.layers.map((l) => l.countParams())).toEqual(perLayer);
    expect(m.countParams()).toBe(945);
    const ref = referenceTagger();
    expect(ref.layers.map((l) => l.countParams())).toEqual(perLayer);
    expect(ref.layers.map((l) => l.getClassName())).toEqual(m.layers.map((l) => l.className));
  });

  it('gives the numbers of tfjs-layers (Bidirectional with masks) with the same weights', () => {
    const m = sequenceTagger();
    const ref = referenceTagger();
    copyWeights(m, ref);
    const tokens = padded(8);
    const before = tf.memory().numTensors;
    const y = m.predict(tokens) as tf.Tensor;
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(y.shape).toEqual([3, 8, 5]);
    tf.tidy(() => {
      expect(maxAbsDiff(tf.sum(y, -1), tf.ones([3, 8]))).toBeLessThanOrEqual(1e-6);
      // Every step, padded ones included: there the forward half repeats its last real output
      // and the backward half still holds its zero initial state, in both libraries.
      expect(maxAbsDiff(y, ref.predict(tokens) as tf.Tensor)).toBeLessThanOrEqual(1e-6);
      // The Bidirectional features themselves, before the softmax evens differences out.
      const context = upTo(m, m.layers[2]!).predict(tokens) as tf.Tensor;
      const refContext = tfl.model({ inputs: ref.inputs, outputs: ref.layers[2]!.output });
      expect(maxAbsDiff(context, refContext.predict(tokens) as tf.Tensor)).toBeLessThanOrEqual(
        1e-6,
      );
    });
    tf.dispose([tokens, y]);
  });

  it('ignores the padding: more of it changes nothing at the real steps', () => {
    const m = sequenceTagger();
    tf.tidy(() => {
      const short = m.predict(padded(6)) as tf.Tensor;
      const long = m.predict(padded(15)) as tf.Tensor;
      SENTENCES.forEach((_, i) => {
        expect(maxAbsDiff(realSteps(long, i), realSteps(short, i))).toBeLessThanOrEqual(1e-6);
      });
    });
  });

  it("runs the backward LSTM from each sentence's last real token, as if there were no padding", () => {
    const m = sequenceTagger();
    const context = upTo(m, m.layers[2]!);
    tf.tidy(() => {
      const batch = context.predict(padded(10)) as tf.Tensor;
      SENTENCES.forEach((sentence, i) => {
        const alone = context.predict(tf.tensor2d([sentence], [1, sentence.length], 'int32'));
        const expected = tf.squeeze(alone as tf.Tensor, [0]);
        // Both halves (forward 0..5, backward 6..11) at every real step.
        expect(maxAbsDiff(realSteps(batch, i), expected)).toBeLessThanOrEqual(1e-6);
      });
    });
  });

  it('would let the padding into the backward LSTM without the mask', () => {
    const m = sequenceTagger();
    // Vectors of unit scale (the default ±0.05 would make the padding's pull small).
    tf.tidy(() => m.layers[1]!.setWeights([tf.randomNormal([20, 8], 0, 1, 'float32', 6)]));
    // The same layers and weights, with Embedding's maskZero off: id 0 is then an ordinary token.
    const tokens = input({ shape: [null], dtype: 'int32' });
    const unmaskedLayers = [
      embedding({ inputDim: 20, outputDim: 8 }),
      bidirectional({ layer: lstm({ units: 6, returnSequences: true }) }),
    ];
    const unmasked = model({
      inputs: tokens,
      outputs: unmaskedLayers.reduce<SymbolicTensor>((x, l) => l.apply(x), tokens),
    });
    unmaskedLayers.forEach((l, i) => l.setWeights(m.layers[i + 1]!.getWeights()));
    const masked = upTo(m, m.layers[2]!);
    tf.tidy(() => {
      const x = padded(10);
      const withMask = masked.predict(x) as tf.Tensor;
      const without = unmasked.predict(x) as tf.Tensor;
      const half = (y: tf.Tensor, start: number) => tf.slice(realSteps(y, 1), [0, start], [-1, 6]);
      // The forward half never sees what comes after a step, so it agrees at the real steps ...
      expect(maxAbsDiff(half(without, 0), half(withMask, 0))).toBeLessThanOrEqual(1e-6);
      // ... but the backward half would start in the padding and carry it into every real step.
      expect(maxAbsDiff(half(without, 6), half(withMask, 6))).toBeGreaterThan(1e-2);
    });
  });

  it('tags as a plain Dense on the 3-D features would (90 parameters either way)', () => {
    const m = sequenceTagger();
    // The same embedding and LSTMs, then Dense applied directly to [batch, time, 12].
    const direct = dense({ units: 5, activation: 'softmax' });
    const plain = model({
      inputs: m.inputs,
      outputs: direct.apply(m.layers[2]!.inboundNodes[0]!.outputTensors[0]!),
    });
    direct.setWeights(m.layers[3]!.getWeights());
    // Dense contracts only the last axis: the same 65 parameters and the same numbers.
    expect(direct.countParams()).toBe(m.layers[3]!.countParams());
    expect(plain.countParams()).toBe(m.countParams());
    tf.tidy(() => {
      const x = padded(8);
      expect(
        maxAbsDiff(plain.predict(x) as tf.Tensor, m.predict(x) as tf.Tensor),
      ).toBeLessThanOrEqual(1e-6);
    });
  });
});
