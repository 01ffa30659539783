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
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { reshape, reshapePlugin } from './reshape.js';

beforeEach(() => resetNames());

describe('Reshape', () => {
  it.each([[[4, -1]], [[2, 3, 2]], [[-1]], [[12, 1]], [[-1, 2, 2]]])(
    'equals tfjs-layers Reshape to %j',
    (targetShape) => {
      const x = tf.randomNormal([2, 3, 4]);
      const ours = reshape({ targetShape }).apply(x);
      const ref = tfl.layers.reshape({ targetShape: targetShape.slice() }).apply(x) as tf.Tensor;
      expect(maxAbsDiff(ours, ref)).toBe(0);
    },
  );

  it('infers shapes as tfjs-layers does, null sizes included, and resolves -1 under an open batch as Keras does', () => {
    // tfjs-layers leaves -1 unresolved whenever any size is unknown, the batch included;
    // Keras (and Framewise) look at the per-sample sizes only.
    expect(reshape({ targetShape: [4, -1] }).computeOutputShape([null, 3, 4])).toEqual([
      null,
      4,
      3,
    ]);
    expect(tfl.layers.reshape({ targetShape: [4, -1] }).computeOutputShape([null, 3, 4])).toEqual([
      null,
      4,
      null,
    ]);
    const cases: [number[], (number | null)[]][] = [
      [
        [4, -1],
        [5, 3, 4],
      ],
      [
        [4, -1],
        [null, null, 4],
      ],
      [
        [2, 6],
        [null, null, 4],
      ],
      [[-1], [3, 2, 2, 3]],
    ];
    for (const [targetShape, inputShape] of cases) {
      const ours = reshape({ targetShape }).computeOutputShape(inputShape);
      const ref = tfl.layers.reshape({ targetShape: targetShape.slice() });
      expect(ours).toEqual(ref.computeOutputShape(inputShape as number[]));
    }
    expect(reshape({ targetShape: [4, -1] }).apply(input({ shape: [null, 4] })).shape).toEqual([
      null,
      4,
      null,
    ]);
  });

  it('reshapes every step inside timeDistributed, like tfjs-layers TimeDistributed', () => {
    expectTimeDistributedMatches(
      () => reshape({ targetShape: [2, -1] }),
      () => tfl.layers.reshape({ targetShape: [2, -1] }),
      tf.randomNormal([2, 3, 3, 4]),
    );
    expect(
      timeDistributed(reshape({ targetShape: [-1, 2] })).apply(input({ shape: [5, 3, 4] })).shape,
    ).toEqual([null, 5, 6, 2]);
  });

  it('has no weights, as tfjs-layers', () => {
    const layer = reshape({ targetShape: [-1] });
    layer.apply(input({ shape: [2, 3] }));
    const reference = tfl.layers.reshape({ targetShape: [-1] });
    reference.apply(tfl.input({ shape: [2, 3] }));
    expect(layer.countParams()).toBe(reference.countParams());
  });

  it('round-trips its Keras config (-1 as Keras writes it; tfjs-layers null read too) with the keys tfjs-layers writes', () => {
    const layer = reshape({ targetShape: [3, -1], name: 'r' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'r', target_shape: [3, -1] });
    expect(reshapePlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    const fromTfjs = reshapePlugin.fromConfig({ name: 'r2', target_shape: [3, null] });
    expect(fromTfjs.getConfig()['target_shape']).toEqual([3, -1]);
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.reshape({ targetShape: [3, -1] })),
    );
  });

  it('refuses bad target shapes and sizes that do not fit, naming the layer and both shapes', () => {
    expect(() => reshape({ targetShape: [-1, -1] })).toThrow(ConfigError);
    expect(() => reshape({ name: 'r', targetShape: [-1, -1] })).toThrow(
      /r: targetShape may have one -1 \(inferred size\), received \[-1,-1\]/,
    );
    expect(() => reshape({ targetShape: [0, 2] })).toThrow(
      /targetShape\[0\] must be an integer ≥ 1 or -1, received 0/,
    );
    expect(() => reshape({ targetShape: [2.5] })).toThrow(ConfigError);
    expect(() => reshape({} as never)).toThrow(/targetShape must be an array of sizes/);
    expect(() =>
      reshape({ name: 'r', targetShape: [5, -1] }).apply(input({ shape: [3, 4] })),
    ).toThrow(
      /r: cannot reshape \(None, 3, 4\) \(12 values per sample\) to target shape \(5, -1\) \(a multiple of 5 values expected\)/,
    );
    expect(() => reshape({ targetShape: [5, 2] }).apply(input({ shape: [3, 4] }))).toThrow(
      ShapeError,
    );
    // Open sizes are checked when the data comes.
    const x = input({ shape: [null, 4] });
    const m = model({ inputs: x, outputs: reshape({ targetShape: [3, -1] }).apply(x) });
    expect(() => m.predict(tf.zeros([1, 2, 4]))).toThrow(
      /cannot reshape \(1, 2, 4\) \(8 values per sample\) to target shape \(3, -1\)/,
    );
  });

  it('leaks no tensors', () => {
    const layer = reshape({ targetShape: [-1, 2] });
    const x = tf.randomNormal([2, 3, 4]);
    expectNoLeak(() => layer.apply(x));
  });
});
