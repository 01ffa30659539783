import * as tf from '@tensorflow/tfjs-core';
import {
  input,
  model,
  resetNames,
  timeDistributed,
  type Layer,
  type SymbolicTensor,
} from '@framewise/core';
import {
  activation,
  add,
  batchNormalization,
  concatenate,
  conv2d,
  dense,
  dropout,
  embedding,
  flatten,
  gru,
  layerNormalization,
  lstm,
  masking,
  maxPooling2d,
  multiply,
  simpleRNN,
} from '@framewise/layers';
import { frames, predictPrefix, streamDiffs } from './stream.test-helpers.js';
import { streamModel } from './stream-model.js';

beforeEach(() => resetNames());

/** Random values for every weight, so that moving statistics and biases matter. */
function randomize(layers: Layer[]): void {
  layers.forEach((l, i) =>
    l.setWeights(
      l.getWeights().map((w, j) => tf.randomUniform(w.shape, 0.5, 1.5, 'float32', 31 * i + j)),
    ),
  );
}

function exactAgainstPredict(
  build: (x: SymbolicTensor) => SymbolicTensor,
  frameShape: number[],
  options: { sequence?: boolean; chunk?: number } = {},
): number {
  const x = input({ shape: [null, ...frameShape] });
  const m = model({ inputs: x, outputs: build(x) });
  randomize(m.layers);
  const stream = streamModel(m);
  expect(stream.mode).toBe('exact');
  stream.dispose();
  const xs = frames([2, 6, ...frameShape]);
  const diffs = streamDiffs(
    m,
    xs,
    predictPrefix(m, xs, options.sequence ?? true),
    {},
    options.chunk ?? 1,
  );
  xs.dispose();
  m.dispose();
  return Math.max(...diffs);
}

describe('every causal layer of the catalog streams exactly (1e-5 against predict)', () => {
  const cases: [string, (x: SymbolicTensor) => SymbolicTensor, number[]][] = [
    ['Dense on 3-D', (x) => dense({ units: 4, activation: 'tanh' }).apply(x), [3]],
    ['Activation', (x) => activation({ activation: 'relu' }).apply(x), [3]],
    ['Dropout (inference)', (x) => dropout({ rate: 0.5 }).apply(dense({ units: 4 }).apply(x)), [3]],
    ['BatchNormalization (inference)', (x) => batchNormalization({}).apply(x), [3]],
    ['LayerNormalization', (x) => layerNormalization({}).apply(x), [3]],
    [
      'TimeDistributed(Conv2D, MaxPooling2D, Flatten) + Dense',
      (x) =>
        dense({ units: 3 }).apply(
          timeDistributed(flatten()).apply(
            timeDistributed(maxPooling2d({ poolSize: 2 })).apply(
              timeDistributed(conv2d({ filters: 2, kernelSize: 3, padding: 'same' })).apply(x),
            ),
          ),
        ),
      [6, 6, 1],
    ],
    [
      'Masking + LSTM (masked steps carry the state)',
      (x) => lstm({ units: 4, returnSequences: true }).apply(masking({ maskValue: 0 }).apply(x)),
      [3],
    ],
    [
      'Add, Multiply and Concatenate of two branches',
      (x) => {
        const a = dense({ units: 3 }).apply(x);
        const b = simpleRNN({ units: 3, returnSequences: true }).apply(x);
        const sum = add({}).apply([a, b]) as SymbolicTensor;
        const product = multiply({}).apply([a, b]) as SymbolicTensor;
        return concatenate({}).apply([sum, product]) as SymbolicTensor;
      },
      [3],
    ],
    [
      'GRU then Dense after time is reduced',
      (x) => dense({ units: 2 }).apply(gru({ units: 4 }).apply(x)),
      [3],
    ],
  ];
  it.each(cases)('%s', (name, build, frameShape) => {
    const sequence = !name.startsWith('GRU then');
    expect(exactAgainstPredict(build, frameShape, { sequence })).toBeLessThan(1e-5);
    expect(exactAgainstPredict(build, frameShape, { sequence, chunk: 4 })).toBeLessThan(1e-5);
  });

  it('Masking with masked frames matches predict', () => {
    const x = input({ shape: [null, 2] });
    const m = model({
      inputs: x,
      outputs: lstm({ units: 3 }).apply(masking({ maskValue: 0 }).apply(x)),
    });
    const xs = tf.tidy(() => tf.mul(frames([2, 6, 2]), tf.tensor([1, 0, 1, 1, 0, 1], [1, 6, 1])));
    const diffs = streamDiffs(m, xs, predictPrefix(m, xs, false));
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    xs.dispose();
  });

  it('Embedding over int32 steps', () => {
    const x = input({ shape: [null] });
    const m = model({
      inputs: x,
      outputs: lstm({ units: 3, returnSequences: true }).apply(
        embedding({ inputDim: 10, outputDim: 4 }).apply(x),
      ),
    });
    const xs = tf.tensor2d(
      [
        [1, 4, 9, 2, 0, 7],
        [3, 3, 5, 8, 1, 6],
      ],
      undefined,
      'int32',
    );
    const diffs = streamDiffs(m, xs, predictPrefix(m, xs, true));
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    xs.dispose();
  });
});
