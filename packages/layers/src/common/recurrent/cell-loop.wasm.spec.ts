import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '@framewise/core';
import { bidirectional, gru, lstm, simpleRNN } from '../../index.js';

/**
 * On tfjs-backend-wasm, every `Slice` (and so every output of `tf.unstack`)
 * copies its whole input out of the wasm heap with `readSync`. A loop that
 * unstacked its sequence copied `time²` rows; these tests count the bytes the
 * backend hands back to JavaScript during one call.
 */
function bytesReadDuring(run: () => void): number {
  const backend = tf.backend() as unknown as {
    readSync: (dataId: object, start?: number, end?: number) => ArrayBufferView;
  };
  const original = backend.readSync;
  let bytes = 0;
  backend.readSync = function (this: unknown, ...args) {
    const values = original.apply(this, args);
    bytes += values.byteLength;
    return values;
  };
  try {
    run();
  } finally {
    backend.readSync = original;
  }
  return bytes;
}

const BATCH = 4;
const FEATURES = 8;

function bytesFor(make: () => Layer, time: number, mask: boolean): number {
  const layer = make();
  const x = tf.randomNormal([BATCH, time, FEATURES], 0, 1, 'float32', 3);
  const m = mask
    ? tf.cast(tf.greater(tf.randomUniform([BATCH, time], 0, 1, 'float32', 4), 0.3), 'bool')
    : undefined;
  tf.dispose(layer.apply(x, m ? { mask: m } : {}) as tf.Tensor); // builds the weights
  const bytes = bytesReadDuring(() => {
    tf.dispose(layer.apply(x, m ? { mask: m } : {}) as tf.Tensor);
  });
  tf.dispose([x, ...(m ? [m] : [])]);
  layer.dispose();
  return bytes;
}

describe('recurrent loop on wasm', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it.each([
    ['SimpleRNN', () => simpleRNN({ units: 6, returnSequences: true }), false],
    ['LSTM with a mask', () => lstm({ units: 6 }), true],
    ['GRU backwards', () => gru({ units: 6, goBackwards: true, returnSequences: true }), false],
    [
      'Bidirectional(LSTM)',
      () => bidirectional({ layer: lstm({ units: 6, returnSequences: true }) }),
      true,
    ],
  ])('%s reads back from the wasm heap in proportion to the steps', (_, make, mask) => {
    const short = bytesFor(make, 25, mask);
    const long = bytesFor(make, 100, mask);
    // Linear: 4× the steps, at most about 4× the bytes (it was about 16×).
    expect(long / short).toBeLessThan(4.5);
  });

  it('keeps no tensor after a call', () => {
    const layer = lstm({ units: 6, returnSequences: true });
    const x = tf.randomNormal([BATCH, 30, FEATURES]);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply(x) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    layer.dispose();
  });
});
