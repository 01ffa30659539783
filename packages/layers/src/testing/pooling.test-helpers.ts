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
  type Shape,
} from '@framewise/core';
import { maxAbsDiff, referenceApply } from './reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from './spatial.test-helpers.js';
import { expectTimeDistributedPerStep } from './shape.test-helpers.js';

// One suite for the six windowed pooling layers and one for the six global ones:
// they differ only in rank and reduction, which the suites take as parameters.

type Options = Record<string, unknown>;

/** What a windowed pooling spec hands the shared suite. */
export interface PoolingSuite {
  rank: 1 | 2 | 3;
  create: (options?: Options) => Layer;
  plugin: LayerPlugin<never>;
  reference: (options?: Options) => tfl.layers.Layer;
  /** snake_case prefix of generated names, e.g. `max_pooling2d`. */
  prefix: string;
  /** Factory name in messages, e.g. `maxPooling2d`. */
  factory: string;
}

/** Shape inference, numbers, errors, config, TimeDistributed and leaks of a windowed pooling layer. */
export function describePooling(s: PoolingSuite): void {
  const spatial = (n: number | null): (number | null)[] => Array<number | null>(s.rank).fill(n);
  const uneven: Options[] = [
    { poolSize: [4], strides: [3] },
    { poolSize: [3, 2], strides: [1, 2] },
    { poolSize: [3, 2, 2], strides: [1, 2, 1] },
  ];
  const cases: Options[] = [
    {},
    { poolSize: 3 },
    { poolSize: 3, strides: 1, padding: 'same' },
    { poolSize: 2, strides: 1 },
    { poolSize: 3, strides: 2, padding: 'same' },
    ...uneven.slice(s.rank - 1, s.rank),
  ];

  beforeEach(() => resetNames());

  it.each(cases)('equals tfjs-layers for %j, on shapes with None sizes too', (options) => {
    const layer = s.create(options);
    const x = tf.randomNormal([2, ...spatial(7), 3] as number[]);
    const ours = layer.apply(x);
    const ref = s.reference(options);
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expect(layer.countParams()).toBe(0);
    expectSameOutputShapes(layer, ref, [
      [null, ...spatial(7), 3],
      [null, ...spatial(null), 3],
      [5, ...spatial(8), 1],
    ]);
  });

  it('defaults strides to poolSize and refuses bad options and inputs, naming the layer', () => {
    expect(s.create({ poolSize: 3 }).getConfig()).toMatchObject({
      pool_size: spatial(3),
      strides: spatial(3),
      padding: 'valid',
    });
    expect(() => s.create({ poolSize: 0 })).toThrow(
      new RegExp(`${s.prefix}_\\d+: poolSize(\\[0\\])? must be an integer ≥ 1, received 0`),
    );
    expect(() => s.create({ strides: Array<number>(s.rank + 1).fill(1) })).toThrow(ConfigError);
    expect(() => s.create({ padding: 'causal' })).toThrow(/padding must be one of valid, same/);
    expect(() => s.create({ dataFormat: 'channelsFirst' })).toThrow(
      /dataFormat must be one of channelsLast, received "channelsFirst"/,
    );
    const keras = { ...s.create().getConfig(), data_format: 'channels_first' };
    expect(() => s.plugin.fromConfig(keras)).toThrow(ConfigError);
    expect(() => s.create().apply(input({ shape: [4, ...spatial(8), 3] as number[] }))).toThrow(
      new RegExp(
        `expected input of rank ${s.rank + 2} .*wrap it: timeDistributed\\(${s.factory}\\(\\.\\.\\.\\)\\), received rank ${s.rank + 3}`,
      ),
    );
    expect(() =>
      s.create({ poolSize: 4 }).apply(input({ shape: [...spatial(3), 2] as number[] })),
    ).toThrow(
      new RegExp(
        `pool ${spatial(4).join('×')} does not fit an input of ${spatial(3).join('×')} with padding 'valid'`,
      ),
    );
    expect(() =>
      s.create({ poolSize: 4 }).apply(input({ shape: [...spatial(3), 2] as number[] })),
    ).toThrow(ShapeError);
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const options = { poolSize: 3, strides: 2, padding: 'same' };
    const layer = s.create(options);
    expect(layer.getConfig()).toMatchObject({ data_format: 'channels_last' });
    // tfjs-layers' 1-D pooling leaves out data_format; Keras writes it.
    expectKerasKeys(layer, s.reference(options), s.rank === 1 ? ['data_format'] : []);
    expectConfigRoundTrip(layer, s.plugin);
    // Keras 3 may write strides: null for the default.
    const { strides: _strides, ...rest } = layer.getConfig();
    expect(s.plugin.fromConfig({ ...rest, strides: null }).getConfig()).toMatchObject({
      strides: spatial(3),
    });
  });

  it('counts no MACs, does not leak, and gives tfjs-layers TimeDistributed numbers', () => {
    const layer = s.create({ poolSize: 2, padding: 'same' });
    expect(layer.macs([null, ...spatial(8), 3])).toBe(0);
    expect(timeDistributed(layer).macs([null, 4, ...spatial(8), 3])).toBe(0);
    const x = tf.randomNormal([2, ...spatial(5), 3] as number[]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedMatches(
      () => s.create({ poolSize: 2, padding: 'same' }),
      s.reference({ poolSize: 2, padding: 'same' }),
      tf.randomNormal([2, 3, ...spatial(5), 2] as number[]),
    );
  });
}

/** What a global pooling spec hands the shared suite. */
export interface GlobalPoolingSuite {
  rank: 1 | 2 | 3;
  create: (options?: Options) => Layer;
  plugin: LayerPlugin<never>;
  /** tfjs-layers' layer; absent for 3-D, which tfjs-layers lacks (`reduce` is the reference). */
  reference?: () => tfl.layers.Layer;
  /** A tfjs-layers layer with the same config keys, where `reference` is absent. */
  keysLike?: () => tfl.layers.Layer;
  prefix: string;
  factory: string;
  /** The reduction, to check `keepdims` against. */
  reduce: (x: tf.Tensor, axes: number[], keepDims: boolean) => tf.Tensor;
}

/** Shape inference, numbers, keepdims, errors, config, TimeDistributed and leaks of a global pooling layer. */
export function describeGlobalPooling(s: GlobalPoolingSuite): void {
  const spatial = (n: number | null): (number | null)[] =>
    [n, n === null ? null : n + 1, n === null ? null : n - 1].slice(0, s.rank);
  const axes = [1, 2, 3].slice(0, s.rank);
  const keysOf = (): tfl.layers.Layer => {
    const ref = s.reference ?? s.keysLike;
    if (ref === undefined) throw new Error('a global pooling suite needs reference or keysLike');
    return ref();
  };

  beforeEach(() => resetNames());

  it('equals tfjs-layers (or the reduction), on shapes with None sizes too', () => {
    const layer = s.create();
    const x = tf.randomNormal([3, ...spatial(6), 4] as number[]);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual([3, 4]);
    expect(layer.countParams()).toBe(0);
    const open: Shape[] = [
      [null, ...spatial(6), 4],
      [null, ...spatial(null), 4],
    ];
    if (s.reference === undefined) {
      expect(maxAbsDiff(ours, s.reduce(x, axes, false))).toBeLessThanOrEqual(1e-6);
      for (const shape of open) expect(layer.computeOutputShape(shape)).toEqual([null, 4]);
      return;
    }
    const ref = s.reference();
    expect(maxAbsDiff(ours, referenceApply(ref, x, layer))).toBeLessThanOrEqual(1e-5);
    expectSameOutputShapes(layer, ref, open);
  });

  it("keeps the pooled axes with Keras' keepdims (which tfjs-layers lacks)", () => {
    const layer = s.create({ keepdims: true });
    expect(layer.computeOutputShape([null, ...spatial(null), 4])).toEqual([
      null,
      ...axes.map(() => 1),
      4,
    ]);
    const x = tf.randomNormal([2, ...spatial(5), 3] as number[]);
    expect(maxAbsDiff(layer.apply(x), s.reduce(x, axes, true))).toBeLessThanOrEqual(1e-6);
    expect(() => s.create({ keepdims: 'yes' })).toThrow(/keepdims must be true or false/);
  });

  it('refuses channelsFirst and inputs of the wrong rank, naming the layer', () => {
    expect(() => s.create({ dataFormat: 'channelsFirst' })).toThrow(
      new RegExp(`${s.prefix}_\\d+: dataFormat must be one of channelsLast`),
    );
    // A Keras file saved with channels_first gets the same typed error.
    const keras = { ...s.create().getConfig(), data_format: 'channels_first' };
    expect(() => s.plugin.fromConfig(keras)).toThrow(ConfigError);
    expect(() => s.create().apply(input({ shape: [4, ...spatial(8), 3] as number[] }))).toThrow(
      new RegExp(
        `expected input of rank ${s.rank + 2} .*wrap it: timeDistributed\\(${s.factory}\\(\\)\\), received rank ${s.rank + 3}`,
      ),
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const layer = s.create();
    expect(layer.getConfig()).toMatchObject({ data_format: 'channels_last' });
    // tfjs-layers' 1-D global pooling leaves out data_format; Keras writes it.
    expectKerasKeys(layer, keysOf(), s.rank === 1 ? ['data_format'] : []);
    expectConfigRoundTrip(layer, s.plugin);
    // keepdims (Keras ≥ 2.6) is written only when true, so older Keras still reads the default.
    expect(layer.getConfig()).not.toHaveProperty('keepdims');
    const kept = s.create({ keepdims: true });
    expect(kept.getConfig()).toMatchObject({ keepdims: true });
    expectConfigRoundTrip(kept, s.plugin);
    expect(s.plugin.fromConfig({ ...layer.getConfig(), keepdims: false }).getConfig()).toEqual(
      layer.getConfig(),
    );
  });

  it('counts no MACs, does not leak, and gives tfjs-layers TimeDistributed numbers', () => {
    const layer = s.create();
    expect(layer.macs([null, ...spatial(6), 4])).toBe(0);
    const x = tf.randomNormal([2, ...spatial(5), 3] as number[]);
    expectNoLeak(() => layer.apply(x));
    const data = tf.randomNormal([2, 4, ...spatial(5), 3] as number[]);
    if (s.reference === undefined) {
      expectTimeDistributedPerStep(() => s.create(), data);
      expectTimeDistributedPerStep(() => s.create({ keepdims: true }), data);
    } else {
      expectTimeDistributedMatches(() => s.create(), s.reference(), data);
    }
  });
}
