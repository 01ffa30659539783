import * as tf from '@tensorflow/tfjs-core';
import { input, model } from '@framewise/core';
import { bidirectional, gru, lstm } from './index.js';

// A stateful RNN keeps its last states as tensors; disposing the model that holds it must free
// them too, not only the weights (once: +2 tensors per disposed model with a stateful LSTM).
describe('disposing a model with stateful recurrent layers', () => {
  it('frees the kept states of every layer, wrapped ones included', () => {
    const before = tf.memory().numTensors;
    const x = input({ batchShape: [2, 3, 4] });
    const h = lstm({ units: 2, stateful: true, returnSequences: true }).apply(x);
    const y = bidirectional({ layer: gru({ units: 2, stateful: true }) }).apply(h);
    const m = model({ inputs: x, outputs: y });
    const xs = tf.ones([2, 3, 4]);
    tf.dispose(m.predict(xs));
    xs.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
