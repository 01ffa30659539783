import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError, timeDistributed } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { flatten, flattenPlugin } from './flatten.js';

beforeEach(() => resetNames());

describe('Flatten', () => {
  it.each(['channelsLast', 'channelsFirst'] as const)(
    'equals tfjs-layers Flatten with dataFormat %s',
    (dataFormat) => {
      const x = tf.randomNormal([2, 3, 4, 5]);
      const ours = flatten({ dataFormat }).apply(x);
      const ref = tfl.layers.flatten({ dataFormat }).apply(x) as tf.Tensor;
      expect(ours.shape).toEqual([2, 60]);
      expect(maxAbsDiff(ours, ref)).toBe(0);
    },
  );

  it('infers shapes as tfjs-layers does, and keeps an unknown per-sample size open where tfjs-layers refuses', () => {
    const layer = flatten();
    const reference = tfl.layers.flatten();
    for (const shape of [
      [null, 3, 4, 5],
      [7, 2, 2],
    ]) {
      expect(layer.computeOutputShape(shape)).toEqual(reference.computeOutputShape(shape));
    }
    // Keras 3 gives (None, None); tfjs-layers and Keras 2 throw. A Dense after it then says what is missing.
    expect(layer.computeOutputShape([null, null, 4])).toEqual([null, null]);
    expect(() => reference.computeOutputShape([null, null, 4])).toThrow();
    expect(flatten().apply(input({ shape: [null, 4] })).shape).toEqual([null, null]);
  });

  it('takes rank 2 and rank 1 inputs, as Keras does (tfjs-layers wants rank 3)', () => {
    expect(flatten().apply(tf.ones([3, 6])).shape).toEqual([3, 6]);
    expect(flatten().apply(tf.ones([3])).shape).toEqual([3, 1]);
  });

  it('has no weights, as tfjs-layers', () => {
    const layer = flatten();
    layer.apply(input({ shape: [2, 3] }));
    const reference = tfl.layers.flatten();
    reference.apply(tfl.input({ shape: [2, 3] }));
    expect(layer.countParams()).toBe(reference.countParams());
    expect(layer.countParams()).toBe(0);
  });

  it('flattens every step inside timeDistributed, like tfjs-layers TimeDistributed', () => {
    expectTimeDistributedMatches(
      () => flatten(),
      () => tfl.layers.flatten(),
      tf.randomNormal([2, 3, 2, 2, 3]),
    );
    const x = input({ shape: [null, 4, 4, 8] });
    expect(timeDistributed(flatten()).apply(x).shape).toEqual([null, null, 128]);
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const layer = flatten({ dataFormat: 'channelsFirst', name: 'flat', inputShape: [3, 4] });
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'flat',
      trainable: true,
      dtype: 'float32',
      batch_input_shape: [null, 3, 4],
      data_format: 'channels_first',
    });
    expect(flattenPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    const reference = tfl.layers.flatten({ dataFormat: 'channelsFirst', inputShape: [3, 4] });
    expect(Object.keys(config).sort()).toEqual(referenceConfigKeys(reference));
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => flatten({ dataFormat: 'channels_last' as never })).toThrow(ConfigError);
    expect(() => flatten({ name: 'f', dataFormat: 'nchw' as never })).toThrow(
      /f: dataFormat must be one of channelsLast, channelsFirst, received "nchw"/,
    );
    expect(() => flatten({ name: 'f' }).inferOutputShape([])).toThrow(ShapeError);
    expect(() => flatten({ name: 'f' }).inferOutputShape([])).toThrow(
      /f: expected input of rank 1 or more \[batch, \.\.\.\], received rank 0/,
    );
  });

  it('leaks no tensors', () => {
    const layer = flatten({ dataFormat: 'channelsFirst' });
    const x = tf.randomNormal([2, 3, 4]);
    expectNoLeak(() => layer.apply(x));
    const td = timeDistributed(flatten());
    const seq = tf.randomNormal([2, 3, 4, 5]);
    expectNoLeak(() => td.apply(seq));
  });
});
