import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, input, resetNames, timeDistributed, type LayerPlugin } from '@framewise/core';
import { expectTimeDistributedPerStep } from '../testing/shape.test-helpers.js';
import { expectConfigRoundTrip, expectNoLeak } from '../testing/spatial.test-helpers.js';
import { upSampling1d, upSampling1dPlugin } from './up-sampling1d.js';

beforeEach(() => resetNames());

const plugin = upSampling1dPlugin as LayerPlugin<never>;

describe('UpSampling1D', () => {
  it('repeats each step size times, as Keras repeat_elements does (hand-worked)', () => {
    const x = tf.tensor3d([
      [
        [1, 10],
        [2, 20],
      ],
      [
        [3, 30],
        [4, 40],
      ],
    ]);
    expect(upSampling1d().apply(x).arraySync()).toEqual([
      [
        [1, 10],
        [1, 10],
        [2, 20],
        [2, 20],
      ],
      [
        [3, 30],
        [3, 30],
        [4, 40],
        [4, 40],
      ],
    ]);
    expect(
      upSampling1d({ size: [3] })
        .apply(tf.tensor3d([[[5], [6]]]))
        .arraySync(),
    ).toEqual([[[5], [5], [5], [6], [6], [6]]]);
    expect(upSampling1d({ size: 1 }).apply(x).arraySync()).toEqual(x.arraySync());
  });

  it('infers shapes, open sizes included', () => {
    const layer = upSampling1d({ size: 3 });
    expect(layer.computeOutputShape([null, 4, 2])).toEqual([null, 12, 2]);
    expect(layer.computeOutputShape([null, null, 2])).toEqual([null, null, 2]);
    expect(layer.apply(input({ shape: [null, 5] })).shape).toEqual([null, null, 5]);
    expect(layer.countParams()).toBe(0);
  });

  it('refuses bad options and inputs, naming the layer', () => {
    expect(() => upSampling1d({ size: 0 })).toThrow(
      /up_sampling1d_\d+: size(\[0\])? must be an integer ≥ 1, received 0/,
    );
    expect(() => upSampling1d({ size: [2, 2] as never })).toThrow(ConfigError);
    expect(() => upSampling1d({ dataFormat: 'channelsFirst' as never })).toThrow(
      /dataFormat must be one of channelsLast/,
    );
    expect(() => upSampling1d().apply(input({ shape: [4, 8, 3] }))).toThrow(
      /expected input of rank 3 \[batch, steps, channels\]; for a sequence of sequences, wrap it: timeDistributed\(upSampling1d\(\.\.\.\)\), received rank 4/,
    );
  });

  it('writes size as one number, as Keras 2 does, and round-trips its config', () => {
    const layer = upSampling1d({ size: 3 });
    expect(layer.getConfig()).toEqual({
      name: 'up_sampling1d_1',
      trainable: true,
      dtype: 'float32',
      size: 3,
    });
    expectConfigRoundTrip(layer, plugin);
    expect(plugin.fromConfig({ name: 'u', size: 4 }).computeOutputShape([null, 2, 1])).toEqual([
      null,
      8,
      1,
    ]);
  });

  it('counts no MACs, does not leak, and applies per step inside TimeDistributed', () => {
    const layer = upSampling1d();
    expect(layer.macs([null, 8, 3])).toBe(0);
    expect(timeDistributed(layer).macs([null, 4, 8, 3])).toBe(0);
    const x = tf.randomNormal([2, 5, 3]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedPerStep(() => upSampling1d({ size: 3 }), tf.randomNormal([2, 3, 4, 2]));
  });
});
