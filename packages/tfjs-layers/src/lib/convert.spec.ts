import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model as fwModel, resetNames, timeDistributed } from '@framewise/core';
import { conv2d, Dense, dense, flatten } from '@framewise/layers';
import { fromLayersModel, MissingLayerError, toLayersModel } from '../index.js';

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] ?? 0) - (b[i] ?? 0))).toBeLessThan(tol);
}

beforeEach(() => resetNames());

describe('fromLayersModel', () => {
  it('gives a Framewise model with the same outputs and the same tf.Variables', () => {
    const tlModel = tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({
          layer: tfl.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }),
          inputShape: [3, 5, 5, 1],
        }),
        tfl.layers.timeDistributed({ layer: tfl.layers.flatten() }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 4, activation: 'tanh' }) }),
        tfl.layers.batchNormalization(),
      ],
    });
    const x = tf.randomNormal([2, 3, 5, 5, 1], 0, 1, 'float32', 9);
    const before = tlModel.predict(x) as tf.Tensor;
    const fw = fromLayersModel(tlModel);
    const after = fw.predict(x) as tf.Tensor;
    expectClose(after.dataSync(), before.dataSync());
    expect(fw.countParams()).toBe(tlModel.countParams());
    // Shared, not copied: writing through Framewise shows in tfjs-layers.
    const fwVars = fw.weights.map((w) => w.value);
    const tlVars = tlModel.weights.map((w) => w.read());
    expect(new Set(tlVars)).toEqual(new Set(fwVars));
    fw.weights[0]?.value.assign(tf.zerosLike(fw.weights[0].value));
    expect(
      tlModel
        .getWeights()[0]
        ?.dataSync()
        .every((v) => v === 0),
    ).toBe(true);
    tf.dispose([x, before, after]);
    fw.dispose();
  });

  it('shares the weights of a nested Sequential and an LSTM', () => {
    const inner = tfl.sequential({
      layers: [tfl.layers.dense({ units: 4, activation: 'relu', inputShape: [3] })],
    });
    const tlModel = tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({ layer: inner, inputShape: [5, 3] }),
        tfl.layers.lstm({ units: 2, recurrentInitializer: 'glorotUniform' }),
      ],
    });
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 4);
    const before = tlModel.predict(x) as tf.Tensor;
    const fw = fromLayersModel(tlModel);
    const after = fw.predict(x) as tf.Tensor;
    expectClose(after.dataSync(), before.dataSync());
    expect(new Set(tlModel.weights.map((w) => w.read()))).toEqual(
      new Set(fw.weights.map((w) => w.value)),
    );
    tf.dispose([x, before, after]);
    fw.dispose();
  });

  it('names the layer Framewise has no class for', () => {
    const tlModel = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 2, inputShape: [3] }),
        // A preprocessing layer tfjs-layers has and Framewise does not.
        tfl.layers.categoryEncoding({ numTokens: 4 }),
      ],
    });
    let error: unknown;
    try {
      fromLayersModel(tlModel);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingLayerError);
    expect((error as MissingLayerError).className).toBe('CategoryEncoding');
    expect((error as MissingLayerError).missingOn).toBe('framewise');
    expect(String(error)).toMatch(/CategoryEncoding/);
    tlModel.dispose();
  });
});

describe('toLayersModel', () => {
  it('gives a tfjs-layers model with the same outputs that trains the same tf.Variables', async () => {
    const x = input({ shape: [4, 6, 6, 1] });
    const h = timeDistributed(conv2d({ filters: 2, kernelSize: 3 })).apply(x);
    const f = timeDistributed(flatten()).apply(h);
    const y = timeDistributed(dense({ units: 3 })).apply(f);
    const fw = fwModel({ inputs: x, outputs: y });
    const data = tf.randomNormal([2, 4, 6, 6, 1], 0, 1, 'float32', 2);
    const expected = fw.predict(data) as tf.Tensor;
    const tl = await toLayersModel(fw);
    const got = tl.predict(data) as tf.Tensor;
    expectClose(got.dataSync(), expected.dataSync());
    expect(tl.weights.map((w) => w.read())).toEqual(
      expect.arrayContaining(fw.weights.map((w) => w.value)),
    );
    // A training step in tfjs-layers moves the Framewise model's weights.
    tl.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    await tl.fit(data, tf.onesLike(got), { epochs: 1, verbose: 0 });
    const trained = fw.predict(data) as tf.Tensor;
    const moved = tf.tidy(() => tf.max(tf.abs(tf.sub(trained, expected))).dataSync()[0] ?? 0);
    expect(moved).toBeGreaterThan(1e-4);
    const tlNow = tl.predict(data) as tf.Tensor;
    expectClose(tlNow.dataSync(), trained.dataSync());
    tf.dispose([data, expected, got, trained, tlNow]);
    tl.dispose();
  });

  it('names the layer tfjs-layers has no class for', async () => {
    // A Framewise plugin class of its own (its static className is what toJSON writes).
    class ScaledDense extends Dense {}
    Object.defineProperty(ScaledDense, 'className', { value: 'ScaledDense' });
    const x = input({ shape: [3] });
    const fw = fwModel({
      inputs: x,
      outputs: new ScaledDense({ units: 2, name: 'scaled' }).apply(x),
    });
    const error: unknown = await toLayersModel(fw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingLayerError);
    expect(error).toMatchObject({
      className: 'ScaledDense',
      layer: 'scaled',
      missingOn: 'tfjs-layers',
    });
    expect(String(error)).toMatch(
      /scaled: layer class 'ScaledDense' has no tfjs-layers counterpart/,
    );
    fw.dispose();
  });

  it('refuses what is not a Framewise model', async () => {
    await expect(toLayersModel({} as never)).rejects.toThrow(/expects a Framewise Model/);
  });
});
