import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { accelerateTimeDistributed, type AccelerationHandle } from '../index.js';

let handle: AccelerationHandle | undefined;
afterEach(() => {
  handle?.undo();
  handle = undefined;
});

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] ?? 0) - (b[i] ?? 0))).toBeLessThan(tol);
}

const lstmOptions = { recurrentInitializer: 'glorotUniform' as const };

describe('masks through the accelerated TimeDistributed', () => {
  it('lets an LSTM after TimeDistributed(Dense) skip masked steps, as tfjs-layers does', () => {
    // Step 3 of 4 is padding (all zeros): tf.keras' LSTM keeps the state of step 2 there.
    const model = tfl.sequential({
      layers: [
        tfl.layers.masking({ maskValue: 0, inputShape: [4, 2] }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 3 }) }),
        tfl.layers.lstm({ units: 2, ...lstmOptions }),
      ],
    });
    const x = tf.tensor3d([
      [
        [1, 2],
        [0.5, -1],
        [0, 0],
        [0, 0],
      ],
    ]);
    const plain = model.predict(x) as tf.Tensor;
    handle = accelerateTimeDistributed(tfl);
    const fast = model.predict(x) as tf.Tensor;
    // By hand: the same layers on the two real steps alone.
    const dense = model.layers[1] as unknown as { layer: tfl.layers.Layer };
    const lstm = model.layers[2] as tfl.layers.Layer;
    const expected = tf.tidy(() => {
      const steps = tf.tensor2d([
        [1, 2],
        [0.5, -1],
      ]);
      const projected = dense.layer.apply(steps) as tf.Tensor;
      return lstm.apply(tf.expandDims(projected, 0)) as tf.Tensor;
    });
    expectClose(fast.dataSync(), expected.dataSync());
    expectClose(fast.dataSync(), plain.dataSync());
    tf.dispose([x, plain, fast, expected]);
    model.dispose();
  });

  it("passes an inner layer's mask on: Embedding(maskZero) words, then an LSTM per sentence", () => {
    // Documents of 2 sentences of up to 3 words; id 0 pads.
    const ids = tf.tensor3d([
      [
        [4, 2, 0],
        [7, 0, 0],
      ],
    ]);
    const input = tfl.input({ shape: [2, 3] });
    const embed = tfl.layers.embedding({ inputDim: 10, outputDim: 3, maskZero: true });
    const lstm = tfl.layers.lstm({ units: 2, ...lstmOptions });
    const out = tfl.layers
      .timeDistributed({ layer: lstm })
      .apply(tfl.layers.timeDistributed({ layer: embed }).apply(input)) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    const plain = model.predict(ids) as tf.Tensor;
    handle = accelerateTimeDistributed(tfl);
    const fast = model.predict(ids) as tf.Tensor;
    // By hand (tf.keras): each sentence's LSTM result is that of its words without the padding.
    const expected = tf.tidy(() => {
      const one = (words: number[]) =>
        lstm.apply(embed.apply(tf.tensor2d([words])) as tf.Tensor) as tf.Tensor;
      return tf.reshape(tf.stack([one([4, 2]), one([7])], 1), [1, 2, 2]);
    });
    expectClose(fast.dataSync(), expected.dataSync());
    // tfjs-layers' own wrapper drops the mask and runs the LSTM over the padding.
    const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(plain, expected))).dataSync()[0] ?? 0);
    expect(gap).toBeGreaterThan(1e-3);
    tf.dispose([ids, plain, fast, expected]);
    model.dispose();
  });
});

describe('training and saving through the accelerated TimeDistributed', () => {
  function buildModel(): tfl.LayersModel {
    return tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({
          layer: tfl.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }),
          inputShape: [3, 5, 5, 1],
        }),
        tfl.layers.timeDistributed({ layer: tfl.layers.flatten() }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }),
      ],
    });
  }

  it('gives the gradients of tfjs-layers', () => {
    const model = buildModel();
    const x = tf.randomNormal([2, 3, 5, 5, 1], 0, 1, 'float32', 3);
    const y = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 4);
    const grads = () =>
      tf.variableGrads(() =>
        tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor),
      );
    const plain = grads();
    handle = accelerateTimeDistributed(tfl);
    const fast = grads();
    expect(Object.keys(fast.grads).sort()).toEqual(Object.keys(plain.grads).sort());
    expect(Object.keys(plain.grads).length).toBe(4);
    for (const [name, g] of Object.entries(plain.grads)) {
      const other = fast.grads[name];
      expect(other).toBeDefined();
      if (other) expectClose(other.dataSync(), g.dataSync());
    }
    expectClose(fast.value.dataSync(), plain.value.dataSync());
    tf.dispose([
      x,
      y,
      plain.value,
      fast.value,
      ...Object.values(plain.grads),
      ...Object.values(fast.grads),
    ]);
    model.dispose();
  });

  it('writes a model.json that tfjs-layers reads without the patch', async () => {
    handle = accelerateTimeDistributed(tfl);
    const model = buildModel();
    const x = tf.randomNormal([2, 3, 5, 5, 1], 0, 1, 'float32', 5);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await model.fit(x, tf.zeros([2, 3, 2]), { epochs: 1, verbose: 0 });
    const fast = model.predict(x) as tf.Tensor;
    let saved: tf.io.ModelArtifacts = {};
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    handle.undo();
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved));
    const plain = loaded.predict(x) as tf.Tensor;
    expectClose(plain.dataSync(), fast.dataSync());
    tf.dispose([x, fast, plain]);
    model.dispose();
    loaded.dispose();
  });
});
