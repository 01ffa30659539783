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
import { gaussianDropout, gaussianDropoutPlugin } from './gaussian-dropout.js';

beforeEach(() => resetNames());

describe('GaussianDropout', () => {
  it('is the identity outside training, as tfjs-layers', () => {
    const x = spread([3, 4, 5]);
    expectMatchesReference(
      gaussianDropout({ rate: 0.3 }),
      tfl.layers.gaussianDropout({ rate: 0.3 }),
      x,
      0,
    );
    x.dispose();
  });

  it('multiplies by N(1, rate / (1 − rate)) noise in training, as tfjs-layers does', () => {
    const x = tf.ones([100, 100]);
    const ours = moments(gaussianDropout({ rate: 0.2, seed: 5 }).apply(x, { training: true }));
    const theirs = moments(
      tfl.layers.gaussianDropout({ rate: 0.2 }).apply(x, { training: true }) as tf.Tensor,
    );
    for (const m of [ours, theirs]) {
      expect(Math.abs(m.mean - 1)).toBeLessThan(0.02);
      expect(Math.abs(m.std - 0.5)).toBeLessThan(0.02); // √(0.2 / 0.8)
    }
    x.dispose();
  });

  it('draws new noise at every step inside TimeDistributed, one per sample with noise: shared', () => {
    const x = tf.ones([3, 4, 6]);
    expect(
      sameNoiseAcrossSteps(
        timeDistributed(gaussianDropout({ rate: 0.5 }), { strategy: 'loop' }),
        x,
        (y) => y,
      ),
    ).toBe(false);
    expect(sameNoiseAcrossSteps(timeDistributed(gaussianDropout({ rate: 0.5 })), x, (y) => y)).toBe(
      false,
    );
    expect(
      sameNoiseAcrossSteps(
        timeDistributed(gaussianDropout({ rate: 0.5 }), { noise: 'shared' }),
        x,
        (y) => y,
      ),
    ).toBe(true);
    x.dispose();
  });

  it('writes Keras 2 config keys and reads them back; rate 0 is the identity in training', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      gaussianDropout({ rate: 0.1, name: 'g' }),
      gaussianDropoutPlugin,
      { rate: 0.1, seed: null },
      x,
    );
    const y = gaussianDropout({ rate: 0 }).apply(x, { training: true });
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
  });

  it('passes masks and leaks nothing; refuses a rate outside [0, 1)', () => {
    const x = spread([2, 3, 4]);
    expectPassesMask(gaussianDropout({ rate: 0.5 }), x);
    expectNoLeak(() => gaussianDropout({ rate: 0.5 }).apply(x, { training: true }));
    x.dispose();
    expect(() => gaussianDropout({ rate: 1, name: 'g' })).toThrow(ConfigError);
    expect(() => gaussianDropout({ rate: -0.1, name: 'g' })).toThrow(
      /^g: rate must be a number in \[0, 1\)/,
    );
  });
});
