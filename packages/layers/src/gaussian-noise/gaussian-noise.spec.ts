import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, resetNames, timeDistributed } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  moments,
  sameNoiseAcrossSteps,
  spread,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { gaussianNoise, gaussianNoisePlugin } from './gaussian-noise.js';

beforeEach(() => resetNames());

describe('GaussianNoise', () => {
  it('is the identity outside training, as tfjs-layers', () => {
    const x = spread([3, 4, 5]);
    expectMatchesReference(
      gaussianNoise({ stddev: 0.5 }),
      tfl.layers.gaussianNoise({ stddev: 0.5 }),
      x,
      0,
    );
    x.dispose();
  });

  it('adds N(0, stddev²) noise in training', () => {
    const x = spread([100, 100]);
    const y = gaussianNoise({ stddev: 0.5, seed: 3 }).apply(x, { training: true });
    const noise = moments(tf.sub(y, x));
    expect(Math.abs(noise.mean)).toBeLessThan(0.02);
    expect(Math.abs(noise.std - 0.5)).toBeLessThan(0.02);
    tf.dispose([x, y]);
  });

  it('repeats its sequence of draws for a seed, and draws anew at every call', () => {
    const x = tf.zeros([2, 8]);
    const [a, b] = [gaussianNoise({ stddev: 1, seed: 9 }), gaussianNoise({ stddev: 1, seed: 9 })];
    const [a1, a2, b1] = [
      a.apply(x, { training: true }),
      a.apply(x, { training: true }),
      b.apply(x, { training: true }),
    ];
    expect(maxAbsDiff(a1, b1)).toBe(0);
    expect(maxAbsDiff(a1, a2)).toBeGreaterThan(0);
    tf.dispose([x, a1, a2, b1]);
  });

  it.each([{ strategy: 'reshape' as const }, { strategy: 'loop' as const }, { chunkSize: 1 }])(
    'draws new noise at every step inside TimeDistributed (%j), one per sample with noise: shared',
    (options) => {
      const x = tf.zeros([3, 4, 6]);
      expect(
        sameNoiseAcrossSteps(
          timeDistributed(gaussianNoise({ stddev: 1, seed: 2 }), options),
          x,
          (y) => y,
        ),
      ).toBe(false);
      if (options.strategy !== 'loop') {
        const shared = timeDistributed(gaussianNoise({ stddev: 1 }), {
          ...options,
          noise: 'shared',
        });
        expect(sameNoiseAcrossSteps(shared, x, (y) => y)).toBe(true);
      }
      x.dispose();
    },
  );

  it('writes Keras 2 config keys (tfjs-layers writes stddev only) and reads them back', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      gaussianNoise({ stddev: 0.1, seed: 4, name: 'g' }),
      gaussianNoisePlugin,
      { stddev: 0.1, seed: 4 },
      x,
    );
    expectConfigRoundTrip(
      gaussianNoise({ stddev: 0.1, name: 'h' }),
      gaussianNoisePlugin,
      { stddev: 0.1, seed: null },
      x,
    );
    x.dispose();
  });

  it('passes masks, counts no MACs, leaks nothing in either mode; refuses a bad stddev', () => {
    const x = spread([2, 3, 4]);
    const layer = gaussianNoise({ stddev: 1 });
    expectPassesMask(layer, x);
    expect(layer.macs([null, 3, 4])).toBe(0);
    expectNoLeak(() => layer.apply(x, { training: true }));
    expectNoLeak(() => layer.apply(x));
    x.dispose();
    expect(() => gaussianNoise({ stddev: -1, name: 'g' })).toThrow(ConfigError);
    expect(() => gaussianNoise({} as never)).toThrow(
      /stddev is required: a number ≥ 0, received none/,
    );
  });
});
