import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, resetNames, ShapeError, timeDistributed } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  moments,
  sameNoiseAcrossSteps,
  spread,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { alphaDropout, alphaDropoutPlugin } from './alpha-dropout.js';

beforeEach(() => resetNames());

const ALPHA_P = -1.6732632423543772 * 1.0507009873554805;

describe('AlphaDropout', () => {
  it('is the identity outside training, as tfjs-layers', () => {
    const x = spread([3, 4, 5]);
    expectMatchesReference(
      alphaDropout({ rate: 0.3 }),
      tfl.layers.alphaDropout({ rate: 0.3 }),
      x,
      0,
    );
    x.dispose();
  });

  it('maps each value to a·x + b (kept) or a·(−λα) + b (dropped), as Keras and tfjs-layers', () => {
    const rate = 0.2;
    const a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5;
    const b = -a * ALPHA_P * rate;
    const x = spread([50, 40]);
    const y = alphaDropout({ rate, seed: 1 }).apply(x, { training: true });
    const xs = x.dataSync();
    let dropped = 0;
    y.dataSync().forEach((v, i) => {
      const kept = Math.abs(v - (a * (xs[i] ?? NaN) + b)) < 1e-5;
      const gone = Math.abs(v - (a * ALPHA_P + b)) < 1e-5;
      expect(kept || gone).toBe(true);
      if (!kept) dropped++;
    });
    expect(Math.abs(dropped / 2000 - rate)).toBeLessThan(0.03);
    tf.dispose([x, y]);
  });

  it('keeps the mean and variance of a standardised input (for SELU networks)', () => {
    const x = tf.randomNormal([200, 100], 0, 1, 'float32', 4);
    const m = moments(alphaDropout({ rate: 0.3, seed: 2 }).apply(x, { training: true }));
    expect(Math.abs(m.mean)).toBeLessThan(0.03);
    expect(Math.abs(m.std - 1)).toBeLessThan(0.03);
    x.dispose();
  });

  it('shares draws along noiseShape axes of size 1, and refuses one that does not fit', () => {
    const x = tf.ones([4, 5, 6]);
    const y = alphaDropout({ rate: 0.5, noiseShape: [null, 1, null] }).apply(x, { training: true });
    const first = tf.slice(y, [0, 0, 0], [4, 1, 6]);
    expect(tf.max(tf.abs(tf.sub(y, first))).dataSync()[0]).toBe(0);
    expect(() =>
      alphaDropout({ rate: 0.5, noiseShape: [null, 2], name: 'a' }).apply(x, { training: true }),
    ).toThrow(ShapeError);
    tf.dispose([x, y, first]);
  });

  it('draws new noise at every step inside TimeDistributed, one per sample with noise: shared', () => {
    const x = tf.ones([3, 4, 8]);
    expect(sameNoiseAcrossSteps(timeDistributed(alphaDropout({ rate: 0.5 })), x, (y) => y)).toBe(
      false,
    );
    expect(
      sameNoiseAcrossSteps(
        timeDistributed(alphaDropout({ rate: 0.5 }), { strategy: 'loop' }),
        x,
        (y) => y,
      ),
    ).toBe(false);
    expect(
      sameNoiseAcrossSteps(
        timeDistributed(alphaDropout({ rate: 0.5 }), { noise: 'shared' }),
        x,
        (y) => y,
      ),
    ).toBe(true);
    x.dispose();
  });

  it('writes Keras config keys and reads them back; leaks nothing; refuses bad options', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      alphaDropout({ rate: 0.1, noiseShape: [null, 1], seed: 3, name: 'a' }),
      alphaDropoutPlugin,
      { rate: 0.1, noise_shape: [null, 1], seed: 3 },
      x,
    );
    expectPassesMask(alphaDropout({ rate: 0.5 }), tf.zeros([2, 3, 4]));
    expectNoLeak(() => alphaDropout({ rate: 0.5 }).apply(x, { training: true }));
    x.dispose();
    expect(() => alphaDropout({ rate: 1.5, name: 'a' })).toThrow(ConfigError);
    expect(() => alphaDropout({ rate: 0.5, noiseShape: [0], name: 'a' })).toThrow(
      /^a: noiseShape must list/,
    );
  });
});
