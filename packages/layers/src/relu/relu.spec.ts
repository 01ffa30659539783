import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  spread,
  valuesOf,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { reLU, reLUPlugin } from './relu.js';

beforeEach(() => resetNames());

const XS = [-3, -1, -0.5, 0, 0.5, 1, 2, 7];

describe('ReLU', () => {
  it.each([{}, { maxValue: 6 }, { maxValue: 0.5 }])(
    'equals tfjs-layers ReLU with %j',
    (options) => {
      const x = spread([4, 3, 5]);
      expectMatchesReference(reLU(options), tfl.layers.reLU(options), x);
      x.dispose();
    },
  );

  // Keras 2's backend.relu by hand: x > threshold passes (capped at max_value),
  // negative_slope · (x − threshold) below.
  it.each([
    [{ negativeSlope: 0.1 }, [-0.3, -0.1, -0.05, 0, 0.5, 1, 2, 7]],
    [{ threshold: 1 }, [0, 0, 0, 0, 0, 0, 2, 7]],
    [{ threshold: 1, negativeSlope: 0.5 }, [-2, -1, -0.75, -0.5, -0.25, 0, 2, 7]],
    [{ maxValue: 6, negativeSlope: 0.2, threshold: 0.5 }, [-0.7, -0.3, -0.2, -0.1, 0, 1, 2, 6]],
  ])('gives Keras 2 values with %j', (options, expected) => {
    valuesOf(reLU(options), XS).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('writes Keras 2 config keys and rebuilds from them', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      reLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5, name: 'r' }),
      reLUPlugin,
      { max_value: 6, negative_slope: 0.1, threshold: 0.5 },
      x,
    );
    expectConfigRoundTrip(
      reLU({ name: 'plain' }),
      reLUPlugin,
      { max_value: null, negative_slope: 0, threshold: 0 },
      x,
    );
    x.dispose();
  });

  it('keeps the shape, counts no weights or MACs, passes masks and leaks nothing', () => {
    const layer = reLU();
    expect(layer.apply(input({ shape: [null, 4] })).shape).toEqual([null, null, 4]);
    expect(layer.countParams()).toBe(0);
    expect(layer.macs([null, 3, 4])).toBe(0);
    expectPassesMask(layer, tf.zeros([2, 3, 4]));
    const x = spread([2, 3]);
    expectNoLeak(() => reLU({ threshold: 1, negativeSlope: 0.1, maxValue: 2 }).apply(x));
    x.dispose();
  });

  it.each([{ maxValue: -1 }, { negativeSlope: -0.1 }, { threshold: -1 }, { threshold: 'a' }])(
    'refuses %j with a ConfigError naming the layer',
    (options) => {
      expect(() => reLU({ ...(options as object), name: 'bad' })).toThrow(ConfigError);
      expect(() => reLU({ ...(options as object), name: 'bad' })).toThrow(/^bad: .* must be/);
    },
  );
});
