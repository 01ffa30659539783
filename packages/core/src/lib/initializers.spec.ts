import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from './errors.js';
import { getInitializer } from './initializers.js';

const orthogonal = (config: { gain?: number; seed?: number } = {}) =>
  getInitializer({ class_name: 'Orthogonal', config });

function gram(m: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = m.shape;
  return rows >= cols ? tf.matMul(m, m, true, false) : tf.matMul(m, m, false, true);
}

describe('Orthogonal initializer', () => {
  it.each([[[4, 4]], [[3, 6]], [[6, 3]], [[2, 3, 4]], [[64, 256]], [[256, 64]]])(
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
    expect(() => orthogonal().apply([3])).toThrow(ConfigError);
    expect(() => orthogonal().apply([3])).toThrow(/rank 2 or more/);
  });

  it('gives other weights for another seed, and fresh ones when unseeded', () => {
    const a = orthogonal({ seed: 7 }).apply([5, 3]);
    const c = orthogonal({ seed: 8 }).apply([5, 3]);
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    // Unseeded draws differ from call to call, as Keras' do.
    const u = orthogonal().apply([5, 3]);
    const v = orthogonal().apply([5, 3]);
    expect(Array.from(u.dataSync())).not.toEqual(Array.from(v.dataSync()));
    tf.dispose([a, c, u, v]);
  });

  it("resolves tfjs' 'orthogonal' and Keras' Orthogonal JSON", () => {
    expect(getInitializer('orthogonal')).toMatchObject({
      className: 'Orthogonal',
      config: { gain: 1, seed: null },
    });
    expect(
      getInitializer({ class_name: 'Orthogonal', config: { gain: 0.5, seed: 3 } }),
    ).toMatchObject({
      className: 'Orthogonal',
      config: { gain: 0.5, seed: 3 },
    });
    expect(() => getInitializer('identity' as never)).toThrow(ConfigError);
  });
});

describe('initializer settings from untrusted JSON', () => {
  it.each([
    [
      { class_name: 'VarianceScaling', config: { scale: -1, distribution: 'truncated_normal' } },
      /scale must be a positive finite number, received -1/,
    ],
    [
      { class_name: 'VarianceScaling', config: { scale: [1e9, 1e9] } },
      /scale must be a positive finite number, received \[1000000000,1000000000\]/,
    ],
    [
      { class_name: 'VarianceScaling', config: { mode: 'fan_sideways' } },
      /mode must be one of fan_in, fan_out, fan_avg, received "fan_sideways"/,
    ],
    [
      { class_name: 'TruncatedNormal', config: { stddev: 0 } },
      /stddev must be a positive finite number, received 0/,
    ],
    [
      { class_name: 'RandomNormal', config: { mean: 'x' } },
      /mean must be a finite number, received "x"/,
    ],
    [
      { class_name: 'RandomUniform', config: { minval: 1, maxval: 0 } },
      /minval \(1\) must not exceed maxval \(0\)/,
    ],
    [
      { class_name: 'Orthogonal', config: { gain: 'big' } },
      /gain must be a finite number, received "big"/,
    ],
  ])('%j is refused with a ConfigError naming the layer, before sampling', (json, message) => {
    const before = tf.memory().numTensors;
    let caught: unknown;
    try {
      getInitializer(json, 'dense_9');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toMatch(/^dense_9: initializer /);
    expect(tf.memory().numTensors).toBe(before);
  });
});
