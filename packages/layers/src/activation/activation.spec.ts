import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { activationNames, ConfigError, input, resetNames, timeDistributed } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectPassesMask,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { activation, activationPlugin } from './activation.js';

beforeEach(() => resetNames());

// tfjs-layers 4.22 defines the fourteen it has the same way as core's activations.ts:
// gelu is the exact x·Φ(x) through tf.erf on both sides (its tanh approximation is
// tfjs-layers' separate 'gelu_new'; Keras' gelu defaults to approximate=False too),
// hardSigmoid is Keras 2's clip(0.2x + 0.5, 0, 1) (Keras 3's relu6(x + 3) / 6 is mapped
// by @framewise/io), swish is x·sigmoid(x), selu uses the same constants. The ops differ
// in places (selu: where/expm1 against tf.selu; relu6: tf.relu6 against min(6, relu)),
// so a float32 rounding apart is allowed: 1e-5 on inputs of size up to ~10.
const TOLERANCE = 1e-5;

const TFJS_LAYERS_NAMES = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hardSigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'mish',
  'gelu',
] as const;

describe('Activation', () => {
  // Core's own spec checks every other name (tfjs-core ops, hand-worked values, gradients).
  it('covers every activation tfjs-layers has (its tanh-approximated gelu_new apart)', () => {
    expect(activationNames).toEqual(expect.arrayContaining([...TFJS_LAYERS_NAMES]));
  });

  it.each(TFJS_LAYERS_NAMES)('equals tfjs-layers Activation %s', (name) => {
    const x = tf.mul(tf.randomNormal([2, 3, 7]), 3);
    const ours = activation({ activation: name }).apply(x);
    const ref = tfl.layers.activation({ activation: name as never }).apply(x) as tf.Tensor;
    expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('takes Keras snake_case names and writes them back in its config, with the keys tfjs-layers writes', () => {
    const layer = activation({ activation: 'hard_sigmoid', name: 'act' });
    expect(layer.activation).toBe('hardSigmoid');
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'act',
      trainable: true,
      dtype: 'float32',
      activation: 'hard_sigmoid',
    });
    expect(activationPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.activation({ activation: 'hardSigmoid' })),
    );
  });

  it('infers shapes and counts parameters as tfjs-layers', () => {
    const layer = activation({ activation: 'relu' });
    const reference = tfl.layers.activation({ activation: 'relu' });
    expect(layer.apply(input({ shape: [null, 4] })).shape).toEqual([null, null, 4]);
    expect(layer.computeOutputShape([null, 3, 4])).toEqual(
      reference.computeOutputShape([null, 3, 4]),
    );
    reference.apply(tfl.input({ shape: [3, 4] }));
    expect(layer.countParams()).toBe(reference.countParams());
  });

  it.each(['softmax', 'gelu', 'selu'])(
    'gives the same numbers inside timeDistributed as tfjs-layers TimeDistributed, with %s',
    (name) => {
      expectTimeDistributedMatches(
        () => activation({ activation: name }),
        () => tfl.layers.activation({ activation: name as never }),
        tf.mul(tf.randomNormal([2, 4, 5]), 3),
        TOLERANCE,
      );
    },
  );

  it('passes masks on unchanged', () => {
    expectPassesMask(activation({ activation: 'tanh' }), tf.zeros([2, 3, 4]));
    expectPassesMask(timeDistributed(activation({ activation: 'tanh' })), tf.zeros([2, 3, 4]));
  });

  it('halves the last axis with glu, and refuses an odd one naming the layer', () => {
    const layer = activation({ activation: 'glu', name: 'g' });
    expect(layer.apply(input({ shape: [3, 6] })).shape).toEqual([null, 3, 3]);
    const y = layer.apply(tf.tensor2d([[1, 2, 0, -1]]));
    expect(Array.from(y.dataSync())[0]).toBeCloseTo(0.5, 6);
    expect(y.shape).toEqual([1, 2]);
    expect(() => activation({ activation: 'glu', name: 'h' }).apply(input({ shape: [5] }))).toThrow(
      /h: glu splits the last axis in two halves/,
    );
  });

  it('refuses unknown activations with a typed error listing the known ones', () => {
    expect(() => activation({ activation: 'mish7' })).toThrow(ConfigError);
    expect(() => activation({ activation: 'relu7', name: 'a' })).toThrow(
      /a: unknown activation "relu7"; expected one of linear, relu, relu6/,
    );
    expect(() => activation({} as never)).toThrow(/unknown activation undefined/);
  });

  it('leaks no tensors, and a linear activation hands back a new tensor', () => {
    const x = tf.randomNormal([2, 4]); // an even last axis, for glu
    const linear = activation({ activation: 'linear' });
    const y = linear.apply(x);
    expect(y).not.toBe(x);
    y.dispose();
    expect(x.isDisposed).toBe(false);
    for (const name of activationNames) {
      const layer = activation({ activation: name });
      expectNoLeak(() => layer.apply(x));
    }
  });
});
