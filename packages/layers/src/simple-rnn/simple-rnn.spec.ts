import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resetNames } from '@framewise/core';
import { describeRecurrentLayer } from '../testing/recurrent-suite.test-helpers.js';
import { simpleRNN, simpleRNNPlugin, type SimpleRNNOptions } from './simple-rnn.js';
import '../index.js';

beforeEach(() => resetNames());

describe('SimpleRNN', () => {
  describeRecurrentLayer<SimpleRNNOptions>({
    className: 'SimpleRNN',
    make: simpleRNN,
    reference: (o) => tfl.layers.simpleRNN(o as never),
    plugin: simpleRNNPlugin,
    stateCount: 1,
    variants: [{ activation: 'sigmoid', goBackwards: true }],
  });

  it('draws one input dropout mask per call, shared by every step, only while training', () => {
    // Linear cell, kernel of ones, no recurrence: each step outputs the sum of its kept inputs / (1 - rate).
    const layer = simpleRNN({
      units: 1,
      activation: 'linear',
      dropout: 0.5,
      kernelInitializer: 'ones',
      recurrentInitializer: 'zeros',
      returnSequences: true,
    });
    const x = tf.ones([3, 4, 8]);
    const inference = layer.apply(x);
    expect(Array.from(inference.dataSync())).toEqual(Array<number>(12).fill(8));
    const trained = layer.apply(x, { training: true }).arraySync() as number[][][];
    for (const sample of trained) {
      const first = sample[0]![0]!;
      expect(first % 2).toBe(0);
      expect(sample.map((step) => step[0])).toEqual(Array<number>(4).fill(first));
    }
    expect(layer.getConfig()).toMatchObject({ dropout: 0.5, recurrent_dropout: 0 });
  });
});
