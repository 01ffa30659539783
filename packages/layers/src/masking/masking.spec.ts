import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
} from '@framewise/core';
import { dense } from '../dense/dense.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  boolValues,
  expectNoLeak,
  expectTimeDistributedMatches,
  MaskRecorder,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { masking, maskingPlugin } from './masking.js';

beforeEach(() => resetNames());

/** `[2, 4, 3]` with steps (0, 1), (0, 3) and (1, 2) all equal to `value`. */
function padded(value: number): tf.Tensor {
  return tf.tidy(() => {
    const x = tf.randomNormal([2, 4, 3]).arraySync() as number[][][];
    for (const [b, t] of [
      [0, 1],
      [0, 3],
      [1, 2],
    ] as const)
      x[b]![t] = [value, value, value];
    x[1]![0]![1] = value; // one value alone does not mask its step
    return tf.tensor3d(x);
  });
}
const expectedMask = [true, false, true, false, true, true, false, true];

describe('Masking', () => {
  it.each([0, -1])(
    'equals tfjs-layers Masking (maskValue %d): masked steps become zeros, and the same mask',
    (maskValue) => {
      const x = padded(maskValue);
      const layer = masking({ maskValue });
      const reference = tfl.layers.masking({ maskValue });
      const ours = layer.apply(x);
      expect(maxAbsDiff(ours, reference.apply(x) as tf.Tensor)).toBe(0);
      const mask = layer.computeMask(x, null) as tf.Tensor;
      expect(mask.dtype).toBe('bool');
      expect(boolValues(mask)).toEqual(expectedMask);
      expect(boolValues(reference.computeMask(x) as tf.Tensor)).toEqual(expectedMask);
      const zeroed = tf.tidy(() => tf.sum(tf.abs(ours), -1).arraySync() as number[][]);
      expect(zeroed.flat().map((v) => v !== 0)).toEqual(expectedMask);
    },
  );

  it('infers shapes and counts parameters as tfjs-layers', () => {
    const layer = masking();
    const reference = tfl.layers.masking();
    expect(layer.computeOutputShape([null, null, 3])).toEqual(
      reference.computeOutputShape([null, null, 3]),
    );
    expect(layer.apply(input({ shape: [null, 3] })).shape).toEqual([null, null, 3]);
    reference.apply(tfl.input({ shape: [4, 3] }));
    expect(layer.countParams()).toBe(reference.countParams());
  });

  it.each(['reshape', 'loop'] as const)(
    'its mask reaches a later layer through the model graph, past timeDistributed(dense) (%s)',
    (strategy) => {
      const x = input({ shape: [4, 3] });
      const h = timeDistributed(dense({ units: 2 }), { strategy }).apply(masking().apply(x));
      const recorder = new MaskRecorder();
      const m = model({ inputs: x, outputs: recorder.apply(h) });
      m.predict(padded(0));
      expect(recorder.lastMask).toEqual({ shape: [2, 4], values: expectedMask });
    },
  );

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers and a [batch, time, steps] mask', () => {
    const data = tf.reshape(padded(0), [2, 2, 2, 3]);
    expectTimeDistributedMatches(
      () => masking(),
      () => tfl.layers.masking(),
      data,
    );
    const mask = timeDistributed(masking()).computeMask(data, null) as tf.Tensor;
    expect(mask.shape).toEqual([2, 2, 2]);
    expect(boolValues(mask)).toEqual(expectedMask);
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const layer = masking({ maskValue: -1, name: 'pad' });
    const config = layer.getConfig();
    expect(config).toEqual({ name: 'pad', trainable: true, dtype: 'float32', mask_value: -1 });
    expect(maskingPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.masking({ maskValue: -1 })),
    );
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => masking({ maskValue: 'pad' as never })).toThrow(ConfigError);
    expect(() => masking({ maskValue: NaN, name: 'm' })).toThrow(
      /m: maskValue must be a number, received null/,
    );
    expect(() => masking({ name: 'm' }).apply(input({ batchShape: [4] }))).toThrow(ShapeError);
    expect(() => masking({ name: 'm' }).apply(input({ batchShape: [4] }))).toThrow(
      /m: expected input of rank 2 or more \[batch, \.\.\., features\], received rank 1: \(4,\)/,
    );
  });

  it('leaks no tensors', () => {
    const layer = masking();
    const x = padded(0);
    expectNoLeak(() => layer.apply(x));
    expectNoLeak(() => layer.computeMask(x, null) as tf.Tensor);
  });
});
