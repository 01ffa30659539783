import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, timeDistributed } from '@framewise/core';
import { conv1d, dense, globalAveragePooling1d, lstm } from '@framewise/layers';
import { streamModel } from './stream-model.js';

beforeEach(() => resetNames());

describe('a stream holds a constant number of tensors', () => {
  it.each([
    ['exact (Dense, causal Conv1D, LSTM)', {}],
    ['window (pooling over time)', { window: 8 }],
  ] as const)(
    '%s over 10,000 pushes',
    (name, options) => {
      const x = input({ shape: [null, 4] });
      const f = timeDistributed(dense({ units: 4 })).apply(x);
      const c = conv1d({ filters: 3, kernelSize: 3, padding: 'causal' }).apply(f);
      const y = name.startsWith('exact')
        ? lstm({ units: 3 }).apply(c)
        : globalAveragePooling1d({}).apply(c);
      const m = model({ inputs: x, outputs: y });
      const frame = tf.ones([2, 4]);
      const stream = streamModel(m, options);
      // Once the window is full (exact mode: after the first push) nothing more is kept.
      for (let i = 0; i < 10; i++) tf.dispose(stream.push(frame));
      const held = tf.memory().numTensors;
      for (let i = 0; i < 10_000; i++) {
        tf.dispose(stream.push(frame));
        if (i === 5000) stream.reset();
      }
      const after = tf.memory().numTensors;
      stream.dispose();
      expect(after).toBe(held);
      expect(tf.memory().numTensors).toBeLessThan(held);
      frame.dispose();
    },
    180_000,
  );
});
