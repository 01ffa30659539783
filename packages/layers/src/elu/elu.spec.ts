import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, resetNames } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  spread,
  valuesOf,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { elu, eluPlugin } from './elu.js';

beforeEach(() => resetNames());

describe('ELU', () => {
  it('equals tfjs-layers ELU (which takes only alpha = 1)', () => {
    const x = spread([4, 3, 5]);
    expectMatchesReference(elu(), tfl.layers.elu(), x);
    expectMatchesReference(elu({ alpha: 1 }), tfl.layers.elu({ alpha: 1 }), x);
    x.dispose();
  });

  it('takes any alpha: alpha · (exp(x) − 1) below 0, by hand', () => {
    const xs = [-50, -2, -0.5, 0, 0.5, 3, 100];
    const expected = xs.map((v) => (v > 0 ? v : 0.5 * Math.expm1(v)));
    valuesOf(elu({ alpha: 0.5 }), xs).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('writes alpha, with the keys tfjs-layers writes, and reads it back', () => {
    const x = spread([2, 5]);
    expectConfigRoundTrip(
      elu({ alpha: 0.5, name: 'e' }),
      eluPlugin,
      { alpha: 0.5 },
      x,
      tfl.layers.elu(),
    );
    x.dispose();
  });

  it('passes masks, counts no MACs and leaks nothing', () => {
    const x = spread([2, 3, 4]);
    expectPassesMask(elu(), x);
    expect(elu().macs([null, 3, 4])).toBe(0);
    expectNoLeak(() => elu({ alpha: 2 }).apply(x));
    x.dispose();
  });

  it('refuses a non-number alpha naming the layer', () => {
    expect(() => elu({ alpha: Infinity, name: 'e' })).toThrow(ConfigError);
  });
});
