import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  deserializeLayer,
  input,
  model,
  resetNames,
  timeDistributed,
  type SerializedLayer,
} from '@framewise/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dense } from '../dense/dense.js';
import { embedding, embeddingPlugin } from '../embedding/embedding.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { describeRecurrentLayer } from '../testing/recurrent-suite.test-helpers.js';
import { lstm, lstmPlugin, type LSTMOptions } from './lstm.js';
import '../index.js';

beforeEach(() => resetNames());

describe('LSTM', () => {
  describeRecurrentLayer<LSTMOptions>({
    className: 'LSTM',
    make: lstm,
    reference: (o) => tfl.layers.lstm(o as never),
    plugin: lstmPlugin,
    stateCount: 2,
    variants: [
      { recurrentActivation: 'sigmoid' },
      { activation: 'relu', recurrentActivation: 'tanh', returnSequences: true },
    ],
  });

  it('starts the forget gate bias at one with unitForgetBias, as tfjs-layers', () => {
    const layer = lstm({ units: 2, unitForgetBias: true, biasInitializer: 'zeros' });
    layer.apply(tf.zeros([1, 1, 3]));
    expect(Array.from(layer.getWeights()[2]!.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    const ref = tfl.layers.lstm({ units: 2, unitForgetBias: true });
    ref.apply(tf.zeros([1, 1, 3]));
    expect(Array.from(ref.getWeights()[2]!.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    expect(layer.getConfig()).toMatchObject({
      unit_forget_bias: true,
      recurrent_activation: 'hard_sigmoid',
      implementation: 2,
    });
  });

  it("reads Keras 2's LSTM config (sigmoid gates, implementation 1, glorot_uniform)", () => {
    const layer = lstmPlugin.fromConfig({
      name: 'lstm_7',
      trainable: true,
      batch_input_shape: [null, 5, 3],
      dtype: 'float32',
      return_sequences: false,
      return_state: false,
      go_backwards: false,
      stateful: false,
      unroll: false,
      time_major: false,
      units: 4,
      activation: 'tanh',
      recurrent_activation: 'sigmoid',
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
      implementation: 1,
    });
    expect(layer.getConfig()).toMatchObject({
      name: 'lstm_7',
      recurrent_activation: 'sigmoid',
      implementation: 1,
      batch_input_shape: [null, 5, 3],
    });
    const x = tf.randomNormal([2, 5, 3]);
    const y = layer.apply(x);
    const ref = tfl.layers.lstm({ units: 4, recurrentActivation: 'sigmoid' });
    ref.apply(x);
    ref.setWeights(layer.getWeights());
    expect(maxAbsDiff(y, ref.apply(x) as tf.Tensor)).toBeLessThanOrEqual(1e-5);
  });

  it('takes a [batch, t1] mask inside timeDistributed: a masked slice runs no step (zeros out)', () => {
    const td = timeDistributed(lstm({ units: 3 }));
    const x = tf.randomNormal([2, 3, 4, 5]);
    const mask = tf.tensor2d(
      [
        [true, false, true],
        [false, true, true],
      ],
      [2, 3],
      'bool',
    );
    const y = td.apply(x, { mask }).arraySync() as number[][][];
    const unmasked = td.apply(x).arraySync() as number[][][];
    expect(y[0]![1]).toEqual([0, 0, 0]);
    expect(y[1]![0]).toEqual([0, 0, 0]);
    expect(y[0]![0]).toEqual(unmasked[0]![0]);
    expect(y[1]![2]).toEqual(unmasked[1]![2]);
  });

  it('runs Embedding(maskZero) -> LSTM -> TimeDistributed(Dense) like the same tfjs-layers model', () => {
    const ids = input({ shape: [6] });
    const h = lstm({ units: 4, returnSequences: true }).apply(
      embedding({ inputDim: 10, outputDim: 3, maskZero: true }).apply(ids),
    );
    const ours = model({
      inputs: ids,
      outputs: timeDistributed(dense({ units: 2, activation: 'softmax' })).apply(h),
    });
    const ref = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: 10, outputDim: 3, maskZero: true, inputShape: [6] }),
        tfl.layers.lstm({ units: 4, returnSequences: true }),
        tfl.layers.timeDistributed({
          layer: tfl.layers.dense({ units: 2, activation: 'softmax' }),
        }),
      ],
    });
    ref.setWeights(ours.getWeights());
    const x = tf.tensor2d([
      [0, 3, 4, 0, 5, 9],
      [7, 8, 0, 0, 2, 1],
    ]);
    expect(
      maxAbsDiff(ours.predict(x) as tf.Tensor, ref.predict(x) as tf.Tensor),
    ).toBeLessThanOrEqual(1e-5);
  });
});

describe('the tfjs-layers TimeDistributed LSTM fixture (Embedding -> LSTM -> TimeDistributed(Dense))', () => {
  const dir = join(__dirname, '../../fixtures/tfjs-layers-td-lstm');
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

  it('loads its layer configs and weights.bin and reproduces the recorded ys (1e-5)', () => {
    const json = read('model.json');
    const configs = json.modelTopology.config as SerializedLayer[];
    const layers = [
      embeddingPlugin.fromConfig(configs[0]!.config),
      lstmPlugin.fromConfig(configs[1]!.config),
      deserializeLayer(configs[2]!),
    ];
    expect(layers[1]!.getConfig()).toMatchObject({
      name: 'lstm_LSTM2',
      units: 4,
      recurrent_activation: 'hard_sigmoid',
      return_sequences: true,
      unit_forget_bias: false,
    });
    const x = input({ batchShape: [null, 10] });
    const y = layers.reduce((t, l) => l.apply(t), x);
    const m = model({ inputs: x, outputs: y });
    expect(m.countParams()).toBe(read('reference.json').params);

    // weights.bin holds the manifest's float32 arrays back to back, in manifest order.
    const bin = readFileSync(join(dir, 'weights.bin'));
    const floats = new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4);
    let offset = 0;
    const weights = (json.weightsManifest[0].weights as { shape: number[] }[]).map(({ shape }) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const t = tf.tensor(floats.slice(offset, offset + size), shape);
      offset += size;
      return t;
    });
    expect(offset).toBe(floats.length);
    m.setWeights(weights);

    const xs = tf.tensor(
      read('time_distributed_lstm.xs-data.json'),
      read('time_distributed_lstm.xs-shapes.json')[0],
    );
    const ys = tf.tensor(
      read('time_distributed_lstm.ys-data.json'),
      read('time_distributed_lstm.ys-shapes.json')[0],
    );
    expect(maxAbsDiff(m.predict(xs) as tf.Tensor, ys)).toBeLessThanOrEqual(1e-5);
  });
});
