import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '@framewise/core';
import { orthogonal, recurrentInitializer } from './orthogonal.js';

function gram(m: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = m.shape;
  return rows >= cols ? tf.matMul(m, m, true, false) : tf.matMul(m, m, false, true);
}

describe('Orthogonal initializer', () => {
  it.each([[[4, 4]], [[3, 6]], [[6, 3]], [[2, 3, 4]]])(
    'gives orthonormal rows or columns for %j, times the gain',
    (shape) => {
      for (const gain of [1, 2]) {
        const w = orthogonal({ gain }).apply(shape);
        expect(w.shape).toEqual(shape);
        const m = tf.reshape(w, [-1, shape[shape.length - 1]!]) as tf.Tensor2D;
        const g = gram(m);
        const eye = tf.mul(tf.eye(g.shape[0]), gain * gain);
        expect(tf.max(tf.abs(tf.sub(g, eye))).dataSync()[0]).toBeLessThan(1e-5);
      }
    },
  );

  it('is deterministic with a seed, leaks nothing, and refuses rank 1', () => {
    const before = tf.memory().numTensors;
    const a = orthogonal({ seed: 7 }).apply([3, 3]);
    const b = orthogonal({ seed: 7 }).apply([3, 3]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => orthogonal().apply([3])).toThrow(/rank 2 or more/);
  });

  it("resolves tfjs' 'orthogonal' and Keras' Orthogonal JSON; other names go to core", () => {
    expect(recurrentInitializer('orthogonal', 'l')).toMatchObject({
      className: 'Orthogonal',
      config: { gain: 1, seed: null },
    });
    expect(
      recurrentInitializer({ class_name: 'Orthogonal', config: { gain: 0.5, seed: 3 } }, 'l'),
    ).toMatchObject({ className: 'Orthogonal', config: { gain: 0.5, seed: 3 } });
    expect(recurrentInitializer('zeros', 'l').className).toBe('Zeros');
    expect(() => recurrentInitializer('identity' as never, 'l')).toThrow(ConfigError);
  });
});
