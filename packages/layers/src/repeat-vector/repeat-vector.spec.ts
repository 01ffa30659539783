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
import { repeatVector, repeatVectorPlugin } from './repeat-vector.js';

beforeEach(() => resetNames());

const plugin = repeatVectorPlugin as LayerPlugin<never>;

describe('RepeatVector', () => {
  it.each([1, 3])('equals tfjs-layers RepeatVector for n = %i, None sizes too', (n) => {
    const layer = repeatVector({ n });
    const x = tf.randomNormal([2, 5]);
    const ref = tfl.layers.repeatVector({ n });
    expect(maxAbsDiff(layer.apply(x), referenceApply(ref, x, layer))).toBe(0);
    expectSameOutputShapes(layer, ref, [
      [null, 5],
      [4, 2],
    ]);
    expect(layer.computeOutputShape([null, null])).toEqual([null, n, null]);
  });

  it('repeats the vector along a new axis 1 (hand-worked)', () => {
    const y = repeatVector({ n: 2 }).apply(tf.tensor2d([[1, 2, 3]]));
    expect(y.arraySync()).toEqual([
      [
        [1, 2, 3],
        [1, 2, 3],
      ],
    ]);
  });

  it('refuses bad options and inputs, naming the layer', () => {
    expect(() => repeatVector({ n: 0 })).toThrow(
      /repeat_vector_\d+: n must be an integer ≥ 1, received 0/,
    );
    expect(() => repeatVector({} as never)).toThrow(ConfigError);
    expect(() => repeatVector({ n: 2 }).apply(input({ shape: [4, 8] }))).toThrow(
      /expected input of rank 2 \[batch, features\]; for a sequence of vectors, wrap it: timeDistributed\(repeatVector\(\.\.\.\)\), received rank 3/,
    );
  });

  it('round-trips its Keras config, with the keys Keras and tfjs-layers write', () => {
    const layer = repeatVector({ n: 4 });
    expect(layer.getConfig()).toMatchObject({ n: 4 });
    expectKerasKeys(layer, tfl.layers.repeatVector({ n: 4 }), []);
    expectConfigRoundTrip(layer, plugin);
  });

  it('counts no MACs, does not leak, and gives tfjs-layers TimeDistributed numbers', () => {
    const layer = repeatVector({ n: 3 });
    expect(layer.macs([null, 8])).toBe(0);
    expect(timeDistributed(layer).macs([null, 4, 8])).toBe(0);
    const x = tf.randomNormal([2, 5]);
    expectNoLeak(() => layer.apply(x));
    expectTimeDistributedMatches(
      () => repeatVector({ n: 3 }),
      tfl.layers.repeatVector({ n: 3 }),
      tf.randomNormal([2, 4, 5]),
    );
  });
});
