// Gradients through TimeDistributed(Dropout) while training: the gradient
// w.r.t. the input is the very noise the forward pass drew (kept / (1 - rate),
// 0 where dropped), per step or shared across steps.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradient functions
import { resetNames, timeDistributed, type TimeDistributedOptions } from '@framewise/core';
import { dropout } from './dropout.js';
import '../index.js';

beforeEach(() => resetNames());

describe('gradients through TimeDistributed(Dropout)', () => {
  it.each<TimeDistributedOptions>([
    { strategy: 'reshape' },
    { strategy: 'loop' },
    { chunkSize: 2 },
    { noise: 'shared' },
    { noise: 'shared', chunkSize: 2 },
  ])('equal the noise of the forward pass (%j)', (options) => {
    const td = timeDistributed(dropout({ rate: 0.5, seed: 3 }), options);
    const x = tf.randomNormal([2, 5, 6], 0, 1, 'float32', 1);
    const r = tf.randomNormal([2, 5, 6], 0, 1, 'float32', 2);
    const before = tf.memory().numTensors;
    const f = (v: tf.Tensor): tf.Tensor => td.apply(v, { training: true });
    // The seed makes the two draws (forward here, forward inside grad) the same noise.
    const y = f(x);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(f(v), r)))(x);
    tf.tidy(() => {
      const noise = tf.div(y, x);
      expect(tf.max(tf.abs(tf.sub(g, tf.mul(r, noise)))).dataSync()[0]).toBeLessThanOrEqual(1e-5);
      const kept = Array.from(tf.notEqual(noise, 0).dataSync());
      expect(kept.some((k) => k === 1) && kept.some((k) => k === 0)).toBe(true);
      if (options.noise === 'shared') {
        // Every step of a sample keeps the same features.
        const first = tf.slice(noise, [0, 0, 0], [2, 1, 6]);
        expect(tf.max(tf.abs(tf.sub(noise, first))).dataSync()[0]).toBe(0);
      }
    });
    tf.dispose([y, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
