import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  resetNames,
  ShapeError,
  timeDistributed,
  type Layer,
} from '@framewise/core';
import {
  expectConfigRoundTrip,
  expectMatchesReference,
  sameNoiseAcrossSteps,
  spread,
} from '../testing/activation-layers.test-helpers.js';
import { expectNoLeak } from '../testing/basic-layers.test-helpers.js';
import {
  spatialDropout1d,
  spatialDropout1dPlugin,
} from '../spatial-dropout1d/spatial-dropout1d.js';
import {
  spatialDropout3d,
  spatialDropout3dPlugin,
} from '../spatial-dropout3d/spatial-dropout3d.js';
import { spatialDropout2d, spatialDropout2dPlugin } from './spatial-dropout2d.js';

// The three Spatial dropouts share one implementation (common/spatial-dropout.ts): one spec.

beforeEach(() => resetNames());

const KINDS = [
  {
    name: 'SpatialDropout1D',
    make: spatialDropout1d,
    plugin: spatialDropout1dPlugin,
    shape: [40, 6, 32],
  },
  {
    name: 'SpatialDropout2D',
    make: spatialDropout2d,
    plugin: spatialDropout2dPlugin,
    shape: [40, 3, 2, 32],
  },
  {
    name: 'SpatialDropout3D',
    make: spatialDropout3d,
    plugin: spatialDropout3dPlugin,
    shape: [40, 2, 2, 2, 32],
  },
];

/**
 * For a training output on ones `[batch, ...spatial, channels]`: whether every channel
 * of every sample is all 0 or all 1 / (1 − rate), and the fraction of channels dropped.
 */
function channelPattern(y: tf.Tensor, rate: number): { whole: boolean; dropped: number } {
  const [batch, channels] = [y.shape[0]!, y.shape[y.rank - 1]!];
  const values = tf.tidy(() => tf.reshape(y, [batch, -1, channels]).arraySync() as number[][][]);
  let whole = true;
  let dropped = 0;
  for (const sample of values) {
    for (let c = 0; c < channels; c++) {
      const column = sample.map((row) => row[c]!);
      const first = column[0]!;
      whole &&=
        column.every((v) => v === first) &&
        (first === 0 || Math.abs(first - 1 / (1 - rate)) < 1e-6);
      if (first === 0) dropped++;
    }
  }
  return { whole, dropped: dropped / (batch * channels) };
}

describe.each(KINDS)('$name', ({ name, make, plugin, shape }) => {
  it('drops whole channels in training (seeded), scales the rest by 1 / (1 − rate)', () => {
    const x = tf.ones(shape);
    for (const rate of [0.25, 0.5]) {
      const y = make({ rate, seed: 7 }).apply(x, { training: true });
      const { whole, dropped } = channelPattern(y, rate);
      expect(whole).toBe(true);
      // 1280 channel draws: within ±0.06 of the rate (over 4 standard deviations).
      expect(Math.abs(dropped - rate)).toBeLessThan(0.06);
      y.dispose();
    }
    x.dispose();
  });

  it('is the identity outside training', () => {
    const x = spread(shape.map((d, i) => (i === 0 ? 2 : d)));
    const y = make({ rate: 0.5 }).apply(x);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
  });

  it('draws channels per sample and step inside TimeDistributed, per sample with noise: shared', () => {
    const x = tf.ones([8, 3, ...shape.slice(1, -1), 16]);
    const td = (options = {}): Layer => timeDistributed(make({ rate: 0.5 }), options);
    for (const strategy of ['reshape', 'loop'] as const) {
      const y = td({ strategy }).apply(x, { training: true });
      // Each (sample, step) slice keeps or drops whole channels.
      const steps = tf.reshape(y, [24, ...shape.slice(1, -1), 16]);
      expect(channelPattern(steps, 0.5).whole).toBe(true);
      tf.dispose([y, steps]);
      expect(sameNoiseAcrossSteps(td({ strategy }), x, (v) => v)).toBe(false);
    }
    expect(sameNoiseAcrossSteps(td({ noise: 'shared' }), x, (v) => v)).toBe(true);
    x.dispose();
  });

  it('writes Keras config keys and reads them back; leaks nothing', () => {
    const x = spread(shape.map((d, i) => (i === 0 ? 2 : d)));
    expectConfigRoundTrip(
      make({ rate: 0.2, seed: 1, name: 's' }),
      plugin,
      {
        rate: 0.2,
        noise_shape: null,
        seed: 1,
        data_format: 'channels_last',
      },
      x,
    );
    expectNoLeak(() => make({ rate: 0.5 }).apply(x, { training: true }));
    x.dispose();
  });

  it(`refuses other ranks, rates outside [0, 1) and channelsFirst, naming the layer (${name})`, () => {
    expect(() => make({ rate: 0.5, name: 'sd' }).apply(input({ shape: [4] }))).toThrow(ShapeError);
    expect(() => make({ rate: 1, name: 'sd' })).toThrow(ConfigError);
    expect(() => make({ rate: 0.5, dataFormat: 'channelsFirst' as never, name: 'sd' })).toThrow(
      /^sd: dataFormat/,
    );
  });
});

describe('SpatialDropout1D against tfjs-layers', () => {
  it('is the identity outside training as tfjs-layers, and has its config keys', () => {
    const x = spread([2, 4, 3]);
    expectMatchesReference(
      spatialDropout1d({ rate: 0.5 }),
      tfl.layers.spatialDropout1d({ rate: 0.5 }),
      x,
      0,
    );
    const keys = Object.keys(tfl.layers.spatialDropout1d({ rate: 0.5 }).getConfig());
    // rate, noiseShape, seed: all written, in Keras' snake_case; data_format besides (Keras 3 writes it).
    expect(keys).toEqual(expect.arrayContaining(['rate', 'noiseShape', 'seed']));
    x.dispose();
  });
});
