import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from './gradients.js';

describe('gradients through boolean ops (masks computed from weights)', () => {
  beforeAll(async () => {
    await ensureGradients();
  });

  it('flows nothing back through a mask: d/dw Σ w · any(w ≠ 0) is the mask', () => {
    // Rows 0 and 2 hold a non-zero value, row 1 is all zeros (a padded step).
    const w = tf.tensor2d([
      [0.5, 0],
      [0, 0],
      [0, -2],
    ]);
    const f = (x: tf.Tensor): tf.Tensor => {
      const keep = tf.cast(tf.any(tf.notEqual(x, 0), -1, true), 'float32');
      const all = tf.cast(
        tf.all(tf.logicalOr(tf.less(x, 1), tf.greater(x, 5)), -1, true),
        'float32',
      );
      return tf.sum(tf.mul(tf.mul(x, keep), all));
    };
    const g = tf.grad(f)(w);
    expect(g.arraySync()).toEqual([
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
    tf.dispose([w, g]);
  });
});
