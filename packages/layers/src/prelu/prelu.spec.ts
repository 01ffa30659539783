import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  spread,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { prelu, preluPlugin } from './prelu.js';

beforeEach(() => resetNames());

const RANDOM_ALPHA = { class_name: 'RandomNormal', config: { mean: 0.2, stddev: 0.3, seed: 5 } };

describe('PReLU', () => {
  it.each([{}, { sharedAxes: [1, 2] }, { sharedAxes: 3 }])(
    'equals tfjs-layers PReLU with random slopes and %j',
    (options) => {
      const x = spread([2, 3, 4, 5]);
      const ours = prelu({ ...options, alphaInitializer: RANDOM_ALPHA as never });
      expectMatchesReference(ours, tfl.layers.prelu(options), x);
      x.dispose();
    },
  );

  it('has one slope per value after the batch, 1 along shared axes', () => {
    const layer = prelu({ sharedAxes: [1, 2] });
    layer.apply(input({ shape: [3, 4, 5] }));
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([['p_re_lu_1/alpha', [1, 1, 5]]]);
    expect(layer.countParams()).toBe(5);
    // One product with a slope per value.
    expect(layer.macs([null, 3, 4, 5])).toBe(60);
    const reference = tfl.layers.prelu({ sharedAxes: [1, 2] });
    reference.build([null, 3, 4, 5]);
    expect(layer.countParams()).toBe(reference.countParams());
  });

  it('writes Keras 2 config keys (those tfjs-layers writes) and rebuilds from them', () => {
    const x = spread([2, 3, 4]);
    expectConfigRoundTrip(
      prelu({ sharedAxes: [1], alphaRegularizer: 'l2', alphaConstraint: 'nonNeg', name: 'p' }),
      preluPlugin,
      {
        alpha_initializer: { class_name: 'Zeros', config: {} },
        alpha_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
        alpha_constraint: { class_name: 'NonNeg', config: {} },
        shared_axes: [1],
      },
      x,
      tfl.layers.prelu(),
    );
    x.dispose();
  });

  it('passes masks, streams per step only with a shared time axis, leaks nothing', () => {
    const x = spread([2, 3, 4]);
    expectPassesMask(prelu(), x);
    expect(prelu({ sharedAxes: 1 }).streamSupport([null, 3, 4])).toEqual({ kind: 'perStep' });
    expect(prelu().streamSupport([null, 3, 4]).kind).toBe('none');
    const layer = prelu();
    expectNoLeak(() => layer.apply(x));
    x.dispose();
  });

  it('refuses bad shared axes and unknown sizes it must size slopes by, naming the layer', () => {
    expect(() => prelu({ sharedAxes: [0], name: 'p' })).toThrow(ConfigError);
    expect(() => prelu({ sharedAxes: [3], name: 'p' }).apply(input({ shape: [4, 5] }))).toThrow(
      /^p: sharedAxes \[3\] name axes the input/,
    );
    expect(() => prelu({ name: 'q' }).apply(input({ shape: [null, 5] }))).toThrow(ShapeError);
    const shared = prelu({ sharedAxes: 1 });
    expect(shared.apply(input({ shape: [null, 5] })).shape).toEqual([null, null, 5]);
    expect(() => shared.apply(input({ shape: [3, 6] }))).toThrow(ShapeError);
  });
});
