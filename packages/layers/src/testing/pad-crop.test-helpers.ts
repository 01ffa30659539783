import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  resetNames,
  ShapeError,
  timeDistributed,
  type Layer,
  type LayerPlugin,
} from '@framewise/core';
import { maxAbsDiff } from './reference.test-helpers.js';
import { expectConfigRoundTrip, expectKerasKeys, expectNoLeak } from './spatial.test-helpers.js';
import { expectTimeDistributedPerStep } from './shape.test-helpers.js';

// One suite for ZeroPadding1D/3D and Cropping1D/2D/3D (ZeroPadding2D keeps its
// own spec against tfjs-layers): they differ in rank and in adding or
// removing, which the suite takes as parameters. Numbers are checked by each
// spec on hand-worked values and, here, against tf.pad/tf.slice on every form.

type Options = Record<string, unknown>;

/** What a padding or cropping spec hands the shared suite. */
export interface PadCropSuite {
  rank: 1 | 2 | 3;
  mode: 'pad' | 'crop';
  create: (options?: Options) => Layer;
  plugin: LayerPlugin<never>;
  /** snake_case prefix of generated names, e.g. `cropping3d`. */
  prefix: string;
  /** Factory name in messages, e.g. `cropping3d`. */
  factory: string;
  /** The config value the default options give, as Keras writes it. */
  defaultConfig: unknown;
  /** A tfjs-layers layer with the same config keys (ZeroPadding2D stands in for 3-D). */
  keysLike?: () => tfl.layers.Layer;
}

/** Every option form, the pairs it means, errors, config, TimeDistributed, leaks and MACs. */
export function describePadCrop(s: PadCropSuite): void {
  const option = s.mode === 'pad' ? 'padding' : 'cropping';
  const ranks = [1, 2, 3].slice(0, s.rank);
  const forms: [unknown, [number, number][]][] =
    s.rank === 1
      ? [
          [2, [[2, 2]]],
          [[0, 3], [[0, 3]]],
        ]
      : [
          [1, ranks.map(() => [1, 1])],
          [ranks.map((r) => r - 1), ranks.map((r) => [r - 1, r - 1])],
          [ranks.map((r) => [r % 2, 3 - r]), ranks.map((r) => [r % 2, 3 - r])],
        ];

  beforeEach(() => resetNames());

  it.each(forms)(`reads ${option} %j as these [before, after] pairs`, (value, pairs) => {
    const layer = s.create({ [option]: value });
    const x = tf.randomNormal([2, ...ranks.map(() => 7), 3]);
    const expected =
      s.mode === 'pad'
        ? tf.pad(x, [[0, 0], ...pairs, [0, 0]])
        : tf.slice(
            x,
            [0, ...pairs.map(([b]) => b), 0],
            [-1, ...pairs.map(([b, a]) => 7 - b - a), -1],
          );
    expect(maxAbsDiff(layer.apply(x), expected)).toBe(0);
    const open = layer.computeOutputShape([null, ...ranks.map(() => null), 3]);
    expect(open).toEqual([null, ...ranks.map(() => null), 3]);
    expect(layer.countParams()).toBe(0);
  });

  it('refuses bad options and inputs, naming the layer', () => {
    expect(() => s.create({ [option]: -1 })).toThrow(
      new RegExp(`${s.prefix}_\\d+: ${option} must be an integer ≥ 0, received -1`),
    );
    expect(() => s.create({ [option]: [1, 2, 3, 4] })).toThrow(ConfigError);
    expect(() => s.create({ [option]: 'same' })).toThrow(
      new RegExp(`${option} must be a number.*received "same"`),
    );
    expect(() => s.create({ [option]: 1.5 })).toThrow(ConfigError);
    expect(() => s.create({ dataFormat: 'channelsFirst' })).toThrow(
      /dataFormat must be one of channelsLast/,
    );
    const keras = { ...s.create().getConfig(), data_format: 'channels_first' };
    expect(() => s.plugin.fromConfig(keras)).toThrow(ConfigError);
    expect(() => s.create().apply(input({ shape: [4, ...ranks.map(() => 8), 3] }))).toThrow(
      new RegExp(
        `expected input of rank ${s.rank + 2} .*wrap it: timeDistributed\\(${s.factory}\\(\\.\\.\\.\\)\\), received rank ${s.rank + 3}`,
      ),
    );
  });

  if (s.mode === 'crop') {
    it('refuses cropping that leaves nothing of an axis, on fixed and on open sizes', () => {
      const layer = s.create({ [option]: s.rank === 1 ? [2, 2] : 2 });
      expect(() => layer.apply(input({ shape: [...ranks.map(() => 4), 3] }))).toThrow(ShapeError);
      expect(() => layer.apply(input({ shape: [...ranks.map(() => 4), 3] }))).toThrow(
        /cropping \[2, 2\] leaves nothing of axis 1 \(size 4\)/,
      );
      const open = s.create({ [option]: s.rank === 1 ? [2, 2] : 2 });
      const before = tf.memory().numTensors;
      const x = tf.zeros([1, ...ranks.map(() => 3), 2]);
      expect(() => open.apply(x)).toThrow(/leaves nothing of axis 1 \(size 3\)/);
      x.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('round-trips its Keras config, with the keys Keras writes', () => {
    const layer = s.create();
    expect(layer.getConfig()[option]).toEqual(s.defaultConfig);
    if (s.rank === 1) {
      // Keras 2 writes no data_format for the 1-D layers.
      expect(Object.keys(layer.getConfig()).sort()).toEqual(
        ['dtype', 'name', option, 'trainable'].sort(),
      );
    } else if (s.keysLike) {
      expect(layer.getConfig()).toMatchObject({ data_format: 'channels_last' });
      expectKerasKeys(layer, s.keysLike(), []);
    }
    expectConfigRoundTrip(layer, s.plugin);
    expectConfigRoundTrip(s.create({ [option]: forms[forms.length - 1]?.[0] }), s.plugin);
  });

  it('counts no MACs, does not leak, and applies per step inside TimeDistributed', () => {
    const value = forms[forms.length - 1]?.[0];
    const layer = s.create({ [option]: value });
    expect(layer.macs([null, ...ranks.map(() => 8), 3])).toBe(0);
    expect(timeDistributed(layer).macs([null, 4, ...ranks.map(() => 8), 3])).toBe(0);
    const x = tf.randomNormal([2, ...ranks.map(() => 6), 3]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedPerStep(
      () => s.create({ [option]: value }),
      tf.randomNormal([2, 3, ...ranks.map(() => 6), 2]),
    );
  });
}
