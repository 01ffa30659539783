import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
  type TimeDistributedOptions,
} from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  expectNoLeak,
  expectPassesMask,
  expectTimeDistributedMatches,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { dropout, dropoutPlugin } from './dropout.js';

beforeEach(() => resetNames());

/** `[batch, time, features]` 0/1 pattern of which values were kept. */
function keptPattern(y: tf.Tensor): number[][][] {
  return tf.tidy(() => tf.cast(tf.notEqual(y, 0), 'int32').arraySync() as number[][][]);
}

/** TimeDistributed(Dropout) in training on ones `[4, 6, 32]`. */
function trainStep(rate: number, options: TimeDistributedOptions, noiseShape?: (number | null)[]) {
  const td = timeDistributed(dropout({ rate, ...(noiseShape ? { noiseShape } : {}) }), options);
  const x = tf.ones([4, 6, 32]);
  const y = td.apply(x, { training: true });
  return { y, kept: keptPattern(y) };
}

describe('Dropout', () => {
  it('is the identity when not training, and hands back a new tensor', () => {
    const x = tf.randomNormal([3, 5]);
    const layer = dropout({ rate: 0.5 });
    for (const options of [{}, { training: false }]) {
      const y = layer.apply(x, options);
      expect(y).not.toBe(x);
      expect(maxAbsDiff(y, x)).toBe(0);
    }
  });

  it.each([
    { rate: 0.3, seed: 7 },
    { rate: 0.5, seed: 11, noiseShape: [null, 1, 5] },
    { rate: 0.25, seed: 3, noiseShape: [1, null, null] },
  ])('equals tfjs-layers Dropout in training with the same seed: %j', (options) => {
    const x = tf.randomNormal([3, 4, 5]);
    const ours = dropout(options).apply(x, { training: true });
    const ref = tfl.layers.dropout(options as never).apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(ours, ref)).toBe(0);
  });

  it('drops about rate of the values in training and scales the rest by 1 / (1 - rate)', () => {
    const y = dropout({ rate: 0.25 }).apply(tf.ones([64, 64]), { training: true });
    const values = Array.from(y.dataSync());
    const kept = values.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    expect(1 - kept.length / values.length).toBeCloseTo(0.25, 1);
  });

  it('infers shapes and counts parameters as tfjs-layers', () => {
    const layer = dropout({ rate: 0.1 });
    const reference = tfl.layers.dropout({ rate: 0.1 });
    expect(layer.computeOutputShape([null, null, 4])).toEqual(
      reference.computeOutputShape([null, null, 4]),
    );
    expect(layer.apply(input({ shape: [3, 4] })).shape).toEqual([null, 3, 4]);
    reference.apply(tfl.input({ shape: [3, 4] }));
    expect(layer.countParams()).toBe(reference.countParams());
  });

  it('reads the step layout only when training with a rate above 0', () => {
    expect(dropout({ rate: 0.5 }).readsStepLayout(true)).toBe(true);
    expect(dropout({ rate: 0.5 }).readsStepLayout(false)).toBe(false);
    expect(dropout({ rate: 0 }).readsStepLayout(true)).toBe(false);
    expect(dropout({ rate: 0.5 }).isBatchCoupled(true)).toBe(false);
  });
});

describe('TimeDistributed(Dropout)', () => {
  it('is the identity in inference with every strategy, as tfjs-layers TimeDistributed', () => {
    expectTimeDistributedMatches(
      () => dropout({ rate: 0.5 }),
      () => tfl.layers.dropout({ rate: 0.5 }),
      tf.randomNormal([2, 5, 3]),
    );
  });

  it.each([{}, { chunkSize: 2 }])(
    "noise: 'shared' drops the same units at every step of a sample, and different ones across samples (%j)",
    (extra) => {
      const { y, kept } = trainStep(0.5, { noise: 'shared', ...extra });
      for (const sample of kept) {
        for (const step of sample) expect(step).toEqual(sample[0]);
      }
      expect(kept[0]![0]).not.toEqual(kept[1]![0]);
      const values = Array.from(y.dataSync()).filter((v) => v !== 0);
      expect(values.every((v) => v === 2)).toBe(true);
    },
  );

  it("noise: 'perStep' (the default) draws new noise at every step", () => {
    for (const options of [{}, { noise: 'perStep' as const }, { strategy: 'loop' as const }]) {
      const { y, kept } = trainStep(0.5, options);
      for (const sample of kept) {
        const distinct = new Set(sample.map((step) => step.join('')));
        expect(distinct.size).toBe(sample.length);
      }
      const values = Array.from(y.dataSync()).filter((v) => v !== 0);
      expect(values.every((v) => v === 2)).toBe(true);
    }
  });

  it('applies noiseShape to each step: [null, 1] drops whole steps, shared or per step', () => {
    const perStep = trainStep(0.5, {}, [null, 1]).kept;
    for (const sample of perStep) {
      for (const step of sample) expect(new Set(step).size).toBe(1);
    }
    const steps = perStep.flat().map((step) => step[0]);
    expect(new Set(steps).size).toBe(2);
    const shared = trainStep(0.5, { noise: 'shared' }, [null, 1]).kept;
    for (const sample of shared) {
      expect(new Set(sample.flat()).size).toBe(1);
    }
  });

  it('works in training inside a model, with the mode set on the wrapper', () => {
    const x = input({ shape: [6, 8] });
    const y = timeDistributed(dropout({ rate: 0.5 }), { noise: 'shared' }).apply(x, {
      training: true,
    });
    const m = model({ inputs: x, outputs: y });
    const out = m.predict(tf.ones([3, 6, 8])) as tf.Tensor;
    for (const sample of keptPattern(out)) {
      for (const step of sample) expect(step).toEqual(sample[0]);
    }
  });
});

describe('Dropout config and errors', () => {
  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const layer = dropout({ rate: 0.3, noiseShape: [null, 1, 4], seed: 5, name: 'drop' });
    const config = layer.getConfig();
    expect(config).toEqual({
      name: 'drop',
      trainable: true,
      dtype: 'float32',
      rate: 0.3,
      noise_shape: [null, 1, 4],
      seed: 5,
    });
    expect(dropoutPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    const plain = dropout({ rate: 0.5 }).getConfig();
    expect(plain).toMatchObject({ noise_shape: null, seed: null });
    expect(dropoutPlugin.fromConfig(JSON.parse(JSON.stringify(plain))).getConfig()).toEqual(plain);
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(tfl.layers.dropout({ rate: 0.3, noiseShape: [1, 1, 4], seed: 5 })),
    );
  });

  it('refuses bad options and noise shapes with typed errors naming the layer', () => {
    expect(() => dropout({ rate: 1 })).toThrow(ConfigError);
    expect(() => dropout({ rate: -0.1, name: 'd' })).toThrow(
      /d: rate must be a number in \[0, 1\), received -0.1/,
    );
    expect(() => dropout({} as never)).toThrow(
      /rate must be a number in \[0, 1\), received undefined/,
    );
    expect(() => dropout({ rate: 0.5, noiseShape: [0, 1] })).toThrow(
      /noiseShape must list sizes ≥ 1 or null, batch axis first, received \[0,1\]/,
    );
    expect(() => dropout({ rate: 0.5, seed: NaN })).toThrow(ConfigError);
    expect(() =>
      dropout({ rate: 0.5, noiseShape: [null, 1], name: 'd' }).apply(input({ shape: [3, 4] })),
    ).toThrow(/d: noiseShape \[null,1\] has rank 2, but the input has rank 3: \(None, 3, 4\)/);
    expect(() =>
      dropout({ rate: 0.5, noiseShape: [null, 2] }).apply(tf.ones([2, 3]), { training: true }),
    ).toThrow(ShapeError);
    expect(() =>
      dropout({ rate: 0.5, noiseShape: [null, 2], name: 'd' }).apply(tf.ones([2, 3]), {
        training: true,
      }),
    ).toThrow(
      /d: noiseShape \[null,2\] does not fit the input \(2, 3\): axis 1 must be null, 1 or 3, received 2/,
    );
  });

  it('passes masks on unchanged', () => {
    expectPassesMask(dropout({ rate: 0.5 }), tf.zeros([2, 3, 4]));
  });

  it('leaks no tensors, in inference or training, alone or wrapped', () => {
    const x = tf.ones([2, 4, 3]);
    const layer = dropout({ rate: 0.5 });
    expectNoLeak(() => layer.apply(x));
    expectNoLeak(() => layer.apply(x, { training: true }));
    const shared = timeDistributed(dropout({ rate: 0.5 }), { noise: 'shared' });
    expectNoLeak(() => shared.apply(x, { training: true }));
  });
});
