import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  deserializeLayer,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
  type Model,
} from '@framewise/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  maxAbsDiff,
  referenceApply,
  referenceTimeDistributed,
} from '../testing/reference.test-helpers.js';
import { dense, densePlugin } from './dense.js';
import '../index.js';

beforeEach(() => resetNames());

describe('Dense', () => {
  it.each(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'hardSigmoid', 'gelu'])(
    'equals tfjs-layers Dense with activation %s on 2-D and 3-D inputs',
    (activation) => {
      for (const shape of [
        [5, 8],
        [3, 4, 8],
      ]) {
        const layer = dense({ units: 6, activation });
        const x = tf.randomNormal(shape);
        const ours = layer.apply(x);
        const ref = referenceApply(
          tfl.layers.dense({ units: 6, activation: activation as never }),
          x,
          layer,
        );
        expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-5);
      }
    },
  );

  it('computes without a bias when useBias is false', () => {
    const layer = dense({ units: 3, useBias: false, kernelInitializer: 'ones' });
    expect(Array.from(layer.apply(tf.tensor2d([[1, 2]])).dataSync())).toEqual([3, 3, 3]);
    expect(layer.countParams()).toBe(6);
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => dense({ units: 0 })).toThrow(ConfigError);
    expect(() => dense({ units: 2.5 })).toThrow(/units must be an integer ≥ 1, received 2.5/);
    expect(() => dense({ units: 2, activation: 'relu7' })).toThrow(
      /unknown activation "relu7"; expected one of linear, relu/,
    );
    expect(() => dense({ units: 2, name: 'd' }).apply(input({ batchShape: [4] }))).toThrow(
      /d: expected input of rank 2 or more \[batch, \.\.\., features\], received rank 1: \(4,\)/,
    );
    expect(() => dense({ units: 2 }).apply(input({ shape: [null] }))).toThrow(ShapeError);
  });

  it('round-trips its Keras config', () => {
    const layer = dense({ units: 4, activation: 'hardSigmoid', useBias: false, name: 'head' });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'head',
      units: 4,
      activation: 'hard_sigmoid',
      use_bias: false,
    });
    expect(densePlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
  });

  it('loads the Keras 2.3.1 TimeDistributed(Dense) config of the fixture', () => {
    const file = join(__dirname, '../../fixtures/keras231-td-dense-config/time_distributed.json');
    const keras = JSON.parse(readFileSync(file, 'utf8'));
    const td = deserializeLayer(keras.config.layers[1]);
    const x = input({ batchShape: keras.config.layers[0].config.batch_input_shape });
    const y = td.apply(x);
    const reference = JSON.parse(readFileSync(join(file, '../reference.json'), 'utf8'));
    expect(y.shape).toEqual(reference.outputShape);
    expect(td.countParams()).toBe(reference.params);
    expect(td.getConfig()).toMatchObject({
      name: 'time_distributed_1',
      layer: { class_name: 'Dense', config: { name: 'dense_1', units: 4 } },
    });
  });
});

describe('TimeDistributed(Dense) against tfjs-layers TimeDistributed', () => {
  const variants = [
    { strategy: 'auto' },
    { strategy: 'reshape' },
    { strategy: 'loop' },
    { strategy: 'reshape', chunkSize: 1 },
    { strategy: 'auto', chunkSize: 5 },
    { strategy: 'reshape', chunkSize: 64 },
  ] as const;

  let x: ReturnType<typeof input>;
  let build: (v: (typeof variants)[number]) => Model;
  beforeEach(() => {
    x = input({ shape: [null, 8] });
    build = (v) =>
      model({
        inputs: x,
        outputs: timeDistributed(dense({ units: 10, activation: 'relu' }), v).apply(x),
      });
  });

  it.each([1, 12, 1000])(
    'gives the same numbers at time %i for every strategy and chunk size, on a model built with an open time axis',
    (time) => {
      const data = tf.randomNormal([3, time, 8]);
      const first = build(variants[0]);
      const reference = referenceTimeDistributed(
        tfl.layers.dense({ units: 10, activation: 'relu' }),
        [null, 8],
        first.layers[1]!,
      );
      const expected = reference.predict(data) as tf.Tensor;
      for (const v of variants) {
        const m = v === variants[0] ? first : build(v);
        m.layers[1]!.setWeights(first.layers[1]!.getWeights());
        const y = m.predict(data) as tf.Tensor;
        expect(y.shape).toEqual([3, time, 10]);
        expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
      }
    },
  );

  it('checks the time length where the model fixes it, and a wrapper applied eagerly runs on lengths it was not built on', () => {
    const fixed = input({ shape: [12, 8] });
    const m = model({ inputs: fixed, outputs: timeDistributed(dense({ units: 10 })).apply(fixed) });
    expect(() => m.predict(tf.zeros([1, 13, 8]))).toThrow(
      /expected shape \(None, 12, 8\), received \(1, 13, 8\)/,
    );
    const td = timeDistributed(dense({ units: 10 }));
    td.apply(tf.zeros([1, 12, 8]));
    const seven = tf.randomNormal([2, 7, 8]);
    const reference = referenceTimeDistributed(tfl.layers.dense({ units: 10 }), [7, 8], td);
    expect(maxAbsDiff(td.apply(seven), reference.predict(seven) as tf.Tensor)).toBeLessThanOrEqual(
      1e-5,
    );
  });
});
