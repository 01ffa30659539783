// The umbrella package registers the gradients (and the cpu backend) for the gradient test.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '@framewise/core';
import { bidirectional, gru, lstm, simpleRNN } from '../../index.js';

/**
 * On tfjs-backend-wasm, every `Slice` (and so every output of `tf.unstack`)
 * copies its whole input out of the wasm heap with `readSync`. A loop that
 * unstacked its sequence copied `time²` rows; these tests count the bytes the
 * backend hands back to JavaScript during one call. The loop now splits the
 * sequence in halves, recursively: `time · log2(time)` rows.
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
  ])('%s reads back from the wasm heap in proportion to time · log(time)', (_, make, mask) => {
    const short = bytesFor(make, 25, mask);
    const long = bytesFor(make, 100, mask);
    // 4× the steps: about 4 · log2(100) / log2(25) ≈ 5.7× the bytes (unstacking gave 14–16×).
    expect(long / short).toBeLessThan(7);
  });

  it('gives the gradients the cpu backend gives (masked LSTM sequence)', async () => {
    const x = tf.randomNormal([3, 9, FEATURES], 0, 1, 'float32', 5);
    const mask = tf.tensor2d(
      Array.from({ length: 27 }, (_, i) => i % 4 !== 1),
      [3, 9],
      'bool',
    );
    const weights = tf.randomNormal([3, 9, 5], 0, 1, 'float32', 6);
    const grads = (layer: Layer): number[][] =>
      tf.tidy(() => {
        const f = (v: tf.Tensor): tf.Tensor =>
          tf.sum(tf.mul(layer.apply(v, { mask }) as tf.Tensor, weights));
        const { grads: g } = tf.variableGrads(() => f(x) as tf.Scalar);
        const dx = tf.grad(f)(x);
        return [dx, ...Object.values(g)].map((t) => Array.from(t.dataSync()));
      });
    const onWasm = lstm({ units: 5, returnSequences: true });
    tf.dispose(onWasm.apply(x) as tf.Tensor);
    const values = onWasm.getWeights().map((w) => ({ shape: w.shape, data: w.dataSync() }));
    // tfjs' leak check (on under Jest) counts the tensors fused.matMul's custom
    // gradient saves on wasm as a leak of the projection's kernel; not ours to check here.
    const checking = tf.env().getBool('IS_TEST');
    tf.env().set('IS_TEST', false);
    const fromWasm = grads(onWasm);
    tf.env().set('IS_TEST', checking);

    await tf.setBackend('cpu');
    const onCpu = lstm({ units: 5, returnSequences: true });
    tf.dispose(onCpu.apply(x) as tf.Tensor);
    const copies = values.map((v) => tf.tensor(v.data, v.shape));
    onCpu.setWeights(copies);
    const fromCpu = grads(onCpu);
    tf.dispose(copies);
    onCpu.dispose();
    await tf.setBackend('wasm');

    expect(fromWasm).toHaveLength(4);
    fromWasm.forEach((g, i) => {
      const ref = fromCpu[i] ?? [];
      expect(g).toHaveLength(ref.length);
      g.forEach((v, j) => expect(v).toBeCloseTo(ref[j] ?? NaN, 4));
    });
    tf.dispose([x, mask, weights]);
    onWasm.dispose();
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
