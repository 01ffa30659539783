import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError, timeDistributed } from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectPassesMask,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import {
  layerNormalization,
  layerNormalizationPlugin,
  type LayerNormalizationOptions,
} from './layer-normalization.js';

beforeEach(() => resetNames());

// Both compute (x - mean) / sqrt(var + epsilon) * gamma + beta from tf.moments; tfjs-layers
// goes through tf.batchNorm with tiled statistics, Framewise through rsqrt and broadcasting,
// so float32 rounding may differ in the last bits: 1e-5 on unit-scale data.
const TOLERANCE = 1e-5;

/** Random gamma and beta, so the test sees them used (their initial values are 1 and 0). */
function randomizeWeights(layer: ReturnType<typeof layerNormalization>): void {
  layer.setWeights(layer.getWeights().map((w) => tf.randomNormal(w.shape)));
}

describe('LayerNormalization', () => {
  it.each<[LayerNormalizationOptions, number[]]>([
    [{}, [2, 3, 8]],
    [{ axis: [1, 2] }, [2, 3, 4]],
    [{ axis: -2 }, [2, 5, 3]],
    [{ center: false }, [4, 6]],
    [{ scale: false, epsilon: 1e-5 }, [2, 3, 6]],
    [{ center: false, scale: false }, [2, 2, 3, 4]],
  ])('equals tfjs-layers LayerNormalization with %j on %j', (options, shape) => {
    const layer = layerNormalization(options);
    const x = tf.add(tf.mul(tf.randomNormal(shape), 2), 0.5);
    layer.apply(x);
    randomizeWeights(layer);
    const ours = layer.apply(x);
    const ref = referenceApply(tfl.layers.layerNormalization(options as never), x, layer);
    expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('infers shapes and counts parameters as tfjs-layers', () => {
    for (const [options, shape] of [
      [{}, [null, null, 8]],
      [{ axis: [1, 2] }, [null, 3, 4]],
      [{ center: false }, [null, 6]],
    ] as [LayerNormalizationOptions, (number | null)[]][]) {
      const layer = layerNormalization(options);
      const reference = tfl.layers.layerNormalization(options as never);
      expect(layer.apply(input({ batchShape: shape })).shape).toEqual(
        reference.computeOutputShape(shape as number[]),
      );
      reference.apply(tfl.input({ batchShape: shape as number[] }));
      expect(layer.countParams()).toBe(reference.countParams());
    }
  });

  it('normalises every step alike inside timeDistributed, as tfjs-layers TimeDistributed', () => {
    expectTimeDistributedMatches(
      () => layerNormalization(),
      () => tfl.layers.layerNormalization(),
      tf.randomNormal([2, 5, 6]),
      TOLERANCE,
    );
    expectTimeDistributedMatches(
      () => layerNormalization({ axis: [1, 2], epsilon: 1e-4 }),
      () => tfl.layers.layerNormalization({ axis: [1, 2], epsilon: 1e-4 }),
      tf.randomNormal([2, 3, 4, 5]),
      TOLERANCE,
    );
    expect(timeDistributed(layerNormalization()).isBatchCoupled(true)).toBe(false);
  });

  it('passes masks on unchanged', () => {
    expectPassesMask(layerNormalization(), tf.ones([2, 3, 4]));
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes and the constraints Keras writes', () => {
    const layer = layerNormalization({ axis: [1, 2], epsilon: 1e-5, center: false, name: 'ln' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'ln',
      axis: [1, 2],
      epsilon: 1e-5,
      center: false,
      scale: true,
      beta_initializer: { class_name: 'Zeros' },
      gamma_initializer: { class_name: 'Ones' },
      gamma_regularizer: null,
      gamma_constraint: null,
    });
    expect(
      layerNormalizationPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig(),
    ).toEqual(config);
    expect(layerNormalization().getConfig()).toMatchObject({ axis: -1, epsilon: 1e-3 });
    const reference = referenceConfigKeys(tfl.layers.layerNormalization({ axis: [1, 2] }));
    expect(Object.keys(config).sort()).toEqual(
      [...reference, 'beta_constraint', 'gamma_constraint'].sort(),
    );
    expect(
      layerNormalizationPlugin
        .fromConfig({ ...config, gamma_constraint: { class_name: 'NonNeg' } })
        .getConfig(),
    ).toMatchObject({ gamma_constraint: { class_name: 'NonNeg', config: {} } });
    // Keras 3 writes rms_scaling; false loads, true (a different computation) is refused.
    expect(
      layerNormalizationPlugin.fromConfig({ ...config, rms_scaling: false }).getConfig(),
    ).toEqual(config);
    expect(() => layerNormalizationPlugin.fromConfig({ ...config, rms_scaling: true })).toThrow(
      ConfigError,
    );
  });

  it('refuses bad options and axes with typed errors naming the layer', () => {
    expect(() => layerNormalization({ axis: 1.5 })).toThrow(ConfigError);
    expect(() => layerNormalization({ axis: [], name: 'ln' })).toThrow(
      /ln: axis must be an integer or a non-empty list of integers, received \[\]/,
    );
    expect(() => layerNormalization({ axis: [1, 1] })).toThrow(/axis lists an axis twice: \[1,1\]/);
    expect(() => layerNormalization({ epsilon: 0 })).toThrow(/epsilon must be a number > 0/);
    expect(() => layerNormalization({ center: 'yes' as never })).toThrow(
      /center must be true or false/,
    );
    expect(() => layerNormalization({ axis: 0, name: 'ln' }).apply(input({ shape: [4] }))).toThrow(
      /ln: axis 0 must be a feature axis, 1 to 1 or -1 to -1, for an input of rank 2 \(axis 0 is the batch axis; each sample is normalised alone\); received \(None, 4\)/,
    );
    expect(() => layerNormalization({ axis: 3 }).apply(input({ shape: [4] }))).toThrow(ShapeError);
    expect(() => layerNormalization({ axis: [-1, 2] }).apply(input({ shape: [3, 4] }))).toThrow(
      /names the same axis twice for an input of rank 3/,
    );
    expect(() => layerNormalization({ name: 'ln' }).apply(input({ shape: [3, null] }))).toThrow(
      /ln: the normalised axes must have known sizes to build, axis 2 of \(None, 3, None\) is unknown/,
    );
    const built = layerNormalization({ name: 'ln' });
    built.apply(input({ shape: [4] }));
    expect(() => built.apply(tf.zeros([2, 5]))).toThrow(ShapeError);
  });

  it('leaks no tensors', () => {
    const layer = layerNormalization({ axis: [1, 2] });
    const x = tf.randomNormal([2, 3, 4]);
    expectNoLeak(() => layer.apply(x));
    const td = timeDistributed(layerNormalization());
    expectNoLeak(() => td.apply(x));
  });
});
