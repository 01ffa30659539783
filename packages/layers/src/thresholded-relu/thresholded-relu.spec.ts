import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, resetNames } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  spread,
  valuesOf,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { thresholdedReLU, thresholdedReLUPlugin } from './thresholded-relu.js';

beforeEach(() => resetNames());

describe('ThresholdedReLU', () => {
  it.each([{}, { theta: 0.5 }, { theta: 0 }])(
    'equals tfjs-layers ThresholdedReLU with %j',
    (options) => {
      const x = spread([4, 3, 5]);
      expectMatchesReference(thresholdedReLU(options), tfl.layers.thresholdedReLU(options), x);
      x.dispose();
    },
  );

  it('passes only values above theta (theta itself becomes 0)', () => {
    expect(valuesOf(thresholdedReLU({ theta: 1 }), [-2, 0.5, 1, 1.5])).toEqual([-0, 0, 0, 1.5]);
  });

  it('writes theta, with the keys tfjs-layers writes, and reads it back', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      thresholdedReLU({ theta: 0.5, name: 't' }),
      thresholdedReLUPlugin,
      { theta: 0.5 },
      x,
      tfl.layers.thresholdedReLU(),
    );
    x.dispose();
  });

  it('passes masks and leaks nothing; refuses a negative theta', () => {
    const x = spread([2, 3, 4]);
    expectPassesMask(thresholdedReLU(), x);
    expectNoLeak(() => thresholdedReLU().apply(x));
    x.dispose();
    expect(() => thresholdedReLU({ theta: -1, name: 't' })).toThrow(ConfigError);
  });
});
