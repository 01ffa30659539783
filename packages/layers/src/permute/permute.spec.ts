import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, timeDistributed, type LayerPlugin } from '@framewise/core';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  expectConfigRoundTrip,
  expectKerasKeys,
  expectNoLeak,
  expectSameOutputShapes,
  expectTimeDistributedMatches,
} from '../testing/spatial.test-helpers.js';
import { permute, permutePlugin } from './permute.js';

beforeEach(() => resetNames());

const plugin = permutePlugin as LayerPlugin<never>;

describe('Permute', () => {
  it.each([[[2, 1]], [[1, 3, 2]], [[3, 1, 2]], [[1]]])(
    'equals tfjs-layers Permute for dims %j, None sizes too',
    (dims) => {
      const layer = permute({ dims });
      const sample = [4, 3, 2].slice(0, dims.length);
      const x = tf.randomNormal([2, ...sample]);
      const ref = tfl.layers.permute({ dims });
      expect(maxAbsDiff(layer.apply(x), referenceApply(ref, x, layer))).toBe(0);
      expectSameOutputShapes(layer, ref, [
        [null, ...sample],
        [5, ...sample],
      ]);
    },
  );

  it('counts dims from 1, the batch excluded (hand-worked)', () => {
    const x = tf.tensor3d([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]);
    expect(
      permute({ dims: [2, 1] })
        .apply(x)
        .arraySync(),
    ).toEqual([
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
    ]);
    expect(permute({ dims: [3, 1, 2] }).computeOutputShape([null, null, 8, 3])).toEqual([
      null,
      3,
      null,
      8,
    ]);
  });

  it('refuses dims that are not an order of 1..k, and inputs of another rank, naming the layer', () => {
    for (const dims of [[0, 1], [1, 1], [1, 3], [], [1.5, 2], 2] as unknown[]) {
      expect(() => permute({ dims } as never)).toThrow(
        /permute_\d+: dims must order the axes after the batch, 1 to k, each once/,
      );
    }
    expect(() => permute({ dims: [2, 1, 0] })).toThrow(ConfigError);
    expect(() => permute({ dims: [2, 1] }).apply(input({ shape: [4, 3, 2] }))).toThrow(
      /expected input of rank 3 \[batch, \.\.\.2 axes\] \(one axis per entry of dims\), received rank 4/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const layer = permute({ dims: [2, 1] });
    expect(layer.getConfig()).toMatchObject({ dims: [2, 1] });
    expectKerasKeys(layer, tfl.layers.permute({ dims: [2, 1] }), []);
    expectConfigRoundTrip(layer, plugin);
  });

  it('streams per step only while the time axis stays first', () => {
    expect(permute({ dims: [1, 3, 2] }).streamSupport([null, 5, 3, 2])).toEqual({
      kind: 'perStep',
    });
    expect(permute({ dims: [2, 1] }).streamSupport([null, 5, 3])).toMatchObject({ kind: 'none' });
  });

  it('counts no MACs, does not leak, and gives tfjs-layers TimeDistributed numbers', () => {
    const layer = permute({ dims: [2, 1] });
    expect(layer.macs([null, 3, 4])).toBe(0);
    expect(timeDistributed(layer).macs([null, 5, 3, 4])).toBe(0);
    const x = tf.randomNormal([2, 3, 4]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedMatches(
      () => permute({ dims: [2, 1] }),
      tfl.layers.permute({ dims: [2, 1] }),
      tf.randomNormal([2, 5, 3, 4]),
    );
  });
});
