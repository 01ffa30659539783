import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
import { asList, sampleMask } from '../testing/recurrent.test-helpers.js';
import { convLstm2d, type ConvLSTM2DOptions } from './conv-lstm2d.js';
import '../index.js';

// On wasm the recurrent loop splits its sequence in halves (cell-loop.ts), and
// ConvLSTM splits whichever is smaller: the raw frames (convolved inside each
// step) or their 4·filters-wide projection. Both must give the cpu backend's
// numbers, and the bytes copied out of the wasm heap must grow with the steps,
// not with their square.

beforeEach(() => resetNames());

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

describe('ConvLSTM2D on wasm', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each<[string, number[], Partial<ConvLSTM2DOptions>]>([
    ['frames convolved per step (8×8×2 → 8 filters)', [8, 8, 2], { filters: 8 }],
    ['every frame projected at once (6×6×16 → 2 filters)', [6, 6, 16], { filters: 2 }],
  ])('%s: equals the cpu backend, masked and backwards', async (_, frame, o) => {
    const options: ConvLSTM2DOptions = {
      filters: 2,
      kernelSize: 3,
      padding: 'same',
      returnSequences: true,
      returnState: true,
      goBackwards: true,
      ...o,
    };
    const x = tf.randomNormal([2, 5, ...frame], 0, 1, 'float32', 3);
    const mask = sampleMask(2, 5);
    const onWasm = convLstm2d(options);
    const fromWasm = asList(onWasm.apply(x, { mask })).map((t) => t.arraySync());
    const weights = onWasm.getWeights().map((w) => ({ shape: w.shape, data: w.dataSync() }));
    await tf.setBackend('cpu');
    const onCpu = convLstm2d(options);
    const xCpu = tf.tensor(x.dataSync(), x.shape);
    const maskCpu = sampleMask(2, 5);
    onCpu.apply(xCpu, { mask: maskCpu });
    onCpu.setWeights(weights.map((w) => tf.tensor(w.data, w.shape)));
    const fromCpu = asList(onCpu.apply(xCpu, { mask: maskCpu }));
    fromCpu.forEach((t, i) => {
      const diff = tf.max(tf.abs(tf.sub(t, tf.tensor(fromWasm[i] as number[])))).dataSync()[0];
      expect(diff).toBeLessThanOrEqual(1e-5);
    });
    await tf.setBackend('wasm');
  });

  it('copies out of the wasm heap in proportion to the steps (times log2 of them)', () => {
    const bytes = (time: number): number => {
      const layer = convLstm2d({ filters: 8, kernelSize: 3, padding: 'same' });
      const x = tf.randomNormal([2, time, 8, 8, 4], 0, 1, 'float32', 5);
      tf.dispose(layer.apply(x) as tf.Tensor);
      const n = bytesReadDuring(() => tf.dispose(layer.apply(x) as tf.Tensor));
      x.dispose();
      layer.dispose();
      return n;
    };
    const ratio = bytes(100) / bytes(25);
    // 4× the steps: 4 × log2(100)/log2(25) ≈ 5.7 at most; a per-step unstack would give 16.
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(6);
  });
});
