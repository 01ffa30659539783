import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConfigError, input, resetNames, ShapeError } from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  spread,
} from '../testing/activation-layers.test-helpers.js';
import {
  expectNoLeak,
  expectPassesMask,
  expectTimeDistributedMatches,
} from '../testing/basic-layers.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { softmax, softmaxPlugin } from './softmax.js';

beforeEach(() => resetNames());

describe('Softmax', () => {
  // tfjs-layers' own default axis is 1 (Keras': -1), and it takes a single axis only when it is
  // the last one: the reference gets -1 written out, and a single inner axis is checked below.
  it.each([
    [{}, { axis: -1 }],
    [{ axis: -1 }, { axis: -1 }],
    [{ axis: [1, 2] }, { axis: [1, 2] }],
    [{ axis: [-1, -3] }, { axis: [-1, -3] }],
  ])('equals tfjs-layers Softmax with %j', (options, reference) => {
    const x = spread([2, 3, 4, 5]);
    expectMatchesReference(softmax(options), tfl.layers.softmax(reference), x);
    x.dispose();
  });

  it('normalises over a single inner axis as tf.softmax over it moved last', () => {
    const x = spread([2, 3, 4]);
    const y = softmax({ axis: 1 }).apply(x);
    const expected = tf.tidy(() => tf.transpose(tf.softmax(tf.transpose(x, [0, 2, 1])), [0, 2, 1]));
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-6);
    tf.dispose([x, y, expected]);
  });

  it('sums to 1 over the axes it normalises', () => {
    const x = spread([2, 3, 4]);
    const y = softmax({ axis: [1, 2] }).apply(x);
    const sums = tf.sum(y, [1, 2]);
    expect(maxAbsDiff(sums, tf.ones([2]))).toBeLessThan(1e-6);
    tf.dispose([x, y, sums]);
  });

  it('writes axis as given, with the keys tfjs-layers writes, and reads it back', () => {
    const x = spread([2, 3, 4]);
    expectConfigRoundTrip(
      softmax({ name: 's' }),
      softmaxPlugin,
      { axis: -1 },
      x,
      tfl.layers.softmax(),
    );
    expectConfigRoundTrip(
      softmax({ axis: [1, 2], name: 's2' }),
      softmaxPlugin,
      { axis: [1, 2] },
      x,
    );
    x.dispose();
  });

  it('matches tfjs-layers inside TimeDistributed; streams per step unless it normalises over time', () => {
    const x = spread([2, 4, 3, 2]);
    expectTimeDistributedMatches(
      () => softmax({ axis: [-1, -2] }),
      () => tfl.layers.softmax({ axis: [-1, -2] }),
      x,
      1e-6,
    );
    expect(softmax().streamSupport([null, 4, 3])).toEqual({ kind: 'perStep' });
    expect(softmax({ axis: 1 }).streamSupport([null, 4, 3]).kind).toBe('none');
    x.dispose();
  });

  it('passes masks and leaks nothing', () => {
    const x = spread([2, 3, 4]);
    expectPassesMask(softmax(), x);
    expectNoLeak(() => softmax({ axis: [1, 2] }).apply(x));
    x.dispose();
  });

  it('refuses the batch axis, non-integers, and axes the input lacks, naming the layer', () => {
    expect(() => softmax({ axis: 0, name: 's' })).toThrow(ConfigError);
    expect(() => softmax({ axis: [], name: 's' })).toThrow(/^s: axis must be/);
    expect(() => softmax({ axis: 1.5 })).toThrow(ConfigError);
    expect(() => softmax({ axis: 3, name: 's3' }).apply(input({ shape: [4, 5] }))).toThrow(
      ShapeError,
    );
    expect(() => softmax({ axis: -4, name: 's3' }).apply(input({ shape: [4, 5] }))).toThrow(
      /^s3: axis -4 does not fit the input/,
    );
  });
});
