import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, resetNames, ShapeError, timeDistributed } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectPassesMask,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { rescaling, rescalingPlugin, type RescalingOptions } from './rescaling.js';

beforeEach(() => resetNames());

describe('Rescaling', () => {
  it.each([
    [{ scale: 1 / 255 }, [2, 4, 4, 3]],
    [{ scale: 1 / 127.5, offset: -1 }, [2, 5]],
    [{ scale: -2, offset: 0.5 }, [2, 3, 4]],
  ] as [RescalingOptions, number[]][])('equals tfjs-layers Rescaling with %j', (options, shape) => {
    const x = tf.randomUniform(shape, 0, 255);
    const ours = rescaling(options).apply(x) as tf.Tensor;
    const ref = tfl.layers
      .rescaling(options as { scale: number; offset?: number })
      .apply(x) as tf.Tensor;
    expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-6);
  });

  it('casts integer input to float32 and scales each channel from a list (Keras 3 allows lists)', () => {
    const bytes = tf.tensor2d([[0, 255]], [1, 2], 'int32');
    const y = rescaling({ scale: 1 / 255 }).apply(bytes) as tf.Tensor;
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.dataSync())).toEqual([0, 1]);
    const perChannel = rescaling({ scale: [1, 10], offset: [0, -1] }).apply(
      tf.tensor2d([[2, 3]]),
    ) as tf.Tensor;
    expect(Array.from(perChannel.dataSync())).toEqual([2, 29]);
    expect(() => rescaling({ scale: [1, 2, 3] }).apply(tf.ones([1, 2]))).toThrow(ShapeError);
  });

  it('refuses a missing or non-numeric scale, naming the layer', () => {
    expect(() => rescaling({} as RescalingOptions)).toThrow(ConfigError);
    expect(() => rescaling({ scale: 'x' } as unknown as RescalingOptions)).toThrow(
      /scale must be a finite number or a non-empty list of them, received "x"/,
    );
    expect(() => rescaling({ scale: 1, offset: Number.NaN })).toThrow(/offset must be/);
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const config = rescaling({ scale: 0.5, offset: 1, name: 'rs' }).getConfig();
    expect(config).toEqual({
      name: 'rs',
      trainable: true,
      dtype: 'float32',
      scale: 0.5,
      offset: 1,
    });
    expect(rescalingPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.rescaling({ scale: 0.5 })),
    );
  });

  it('inside timeDistributed rescales every frame as tfjs-layers does, passes masks on, leaks nothing, one MAC per value', () => {
    expectTimeDistributedMatches(
      () => rescaling({ scale: 0.1, offset: 2 }),
      () => tfl.layers.rescaling({ scale: 0.1, offset: 2 }),
      tf.randomNormal([2, 3, 4, 4, 2]),
    );
    expectPassesMask(rescaling({ scale: 2 }), tf.ones([2, 3, 4]));
    const ints = tf.ones([2, 3], 'int32');
    expectNoLeak(() => rescaling({ scale: [2, 3, 4] }).apply(ints) as tf.Tensor);
    expect(rescaling({ scale: 2 }).macs([null, 4, 4, 3])).toBe(48);
    expect(timeDistributed(rescaling({ scale: 2 })).macs([null, 5, 4, 4, 3])).toBe(240);
  });
});
