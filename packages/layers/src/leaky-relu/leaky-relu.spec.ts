import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, resetNames } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  spread,
} from '../testing/activation-layers.test-helpers.js';
import {
  expectNoLeak,
  expectPassesMask,
  expectTimeDistributedMatches,
} from '../testing/basic-layers.test-helpers.js';
import { leakyReLU, leakyReLUPlugin } from './leaky-relu.js';

beforeEach(() => resetNames());

describe('LeakyReLU', () => {
  it.each([{}, { alpha: 0.1 }, { alpha: 2 }])('equals tfjs-layers LeakyReLU with %j', (options) => {
    const x = spread([4, 3, 5]);
    expectMatchesReference(leakyReLU(options), tfl.layers.leakyReLU(options), x);
    x.dispose();
  });

  it('writes alpha (tf.keras 2), with the keys tfjs-layers writes, and reads it back', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      leakyReLU({ alpha: 0.2, name: 'l' }),
      leakyReLUPlugin,
      { alpha: 0.2 },
      x,
      tfl.layers.leakyReLU({ alpha: 0.2 }),
    );
    expect(leakyReLU().alpha).toBe(0.3);
    x.dispose();
  });

  it("reads Keras 3's negative_slope as alpha", () => {
    const layer = leakyReLUPlugin.fromConfig({ name: 'k3', negative_slope: 0.05, trainable: true });
    expect(layer.getConfig()['alpha']).toBe(0.05);
    expect(layer.getConfig()).not.toHaveProperty('negative_slope');
  });

  it('matches tfjs-layers inside TimeDistributed, passes masks and leaks nothing', () => {
    const x = spread([2, 4, 3]);
    expectTimeDistributedMatches(
      () => leakyReLU({ alpha: 0.1 }),
      () => tfl.layers.leakyReLU({ alpha: 0.1 }),
      x,
      1e-6,
    );
    expectPassesMask(leakyReLU(), x);
    expectNoLeak(() => leakyReLU().apply(x));
    x.dispose();
  });

  it('refuses a non-number alpha naming the layer', () => {
    expect(() => leakyReLU({ alpha: '0.1' as never, name: 'l' })).toThrow(ConfigError);
    expect(() => leakyReLU({ alpha: NaN, name: 'l' })).toThrow(/^l: alpha must be a finite number/);
  });
});
