// tfjs-layers' LSTM initialises its recurrent kernel with chained tensor methods
// (`rMat.flatten()`), which only the umbrella package registers; it shares the one tfjs-core.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { model, resetNames, type Layer, type Model } from '@framewise/core';
import { videoClassifier } from './model.js';

/** The same architecture in tfjs-layers (its TimeDistributed loops over the frames). */
function referenceClassifier(): tfl.LayersModel {
  const clips = tfl.input({ shape: [null, 64, 64, 3] as unknown as number[] });
  const layers = [
    tfl.layers.timeDistributed({
      layer: tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
    }),
    tfl.layers.timeDistributed({ layer: tfl.layers.maxPooling2d({ poolSize: 2 }) }),
    tfl.layers.timeDistributed({
      layer: tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }),
    }),
    tfl.layers.timeDistributed({ layer: tfl.layers.globalAveragePooling2d({}) }),
    tfl.layers.lstm({ units: 8 }),
    tfl.layers.dense({ units: 5, activation: 'softmax' }),
  ];
  const y = layers.reduce((x, l) => l.apply(x) as tfl.SymbolicTensor, clips);
  return tfl.model({ inputs: clips, outputs: y });
}

/** Gives every tfjs-layers layer the weights of the Framewise layer in the same place. */
function copyWeights(from: Model, to: tfl.LayersModel): void {
  expect(to.layers.map((l) => l.getClassName())).toEqual(from.layers.map((l) => l.className));
  from.layers.forEach((layer, i) => to.layers[i]!.setWeights(layer.getWeights()));
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** Output of one layer's first call, as a model of its own (for intermediate checks). */
function upTo(m: Model, layer: Layer): Model {
  return model({ inputs: m.inputs, outputs: layer.inboundNodes[0]!.outputTensors[0]! });
}

const clip = (frames: number, seed: number): tf.Tensor5D =>
  tf.randomUniform([2, frames, 64, 64, 3], 0, 1, 'float32', seed);

beforeEach(() => resetNames());

describe('video classifier: TimeDistributed CNN per frame, then an LSTM over the frames', () => {
  it('leaves the number of frames open in every shape', () => {
    const m = videoClassifier();
    expect(m.layers.map((l) => [l.className, l.inboundNodes[0]!.outputTensors[0]!.shape])).toEqual([
      ['InputLayer', [null, null, 64, 64, 3]],
      ['TimeDistributed', [null, null, 62, 62, 4]],
      ['TimeDistributed', [null, null, 31, 31, 4]],
      ['TimeDistributed', [null, null, 29, 29, 8]],
      ['TimeDistributed', [null, null, 8]],
      ['LSTM', [null, 8]],
      ['Dense', [null, 5]],
    ]);
  });

  it('has 997 parameters, the same as tfjs-layers layer by layer', () => {
    const m = videoClassifier();
    // conv 3·3·3·4 + 4 = 112; pooling 0; conv 3·3·4·8 + 8 = 296; pooling 0;
    // LSTM 4·(8·8 + 8·8 + 8) = 544; Dense 8·5 + 5 = 45. Total 997.
    const perLayer = [0, 112, 0, 296, 0, 544, 45];
    expect(m.layers.map((l) => l.countParams())).toEqual(perLayer);
    expect(m.countParams()).toBe(997);
    const ref = referenceClassifier();
    expect(ref.layers.map((l) => l.countParams())).toEqual(perLayer);
    expect(ref.countParams()).toBe(997);
  });

  it('runs the one model on clips of 3 and of 5 frames, as tfjs-layers does with the same weights', () => {
    const m = videoClassifier();
    const ref = referenceClassifier();
    copyWeights(m, ref);
    const features = upTo(m, m.layers[4]!);
    const refFeatures = tfl.model({ inputs: ref.inputs, outputs: ref.layers[4]!.output });
    for (const [frames, seed] of [
      [3, 1],
      [5, 2],
    ] as const) {
      const x = clip(frames, seed);
      const before = tf.memory().numTensors;
      const p = m.predict(x) as tf.Tensor;
      // predict() keeps nothing but its result.
      expect(tf.memory().numTensors).toBe(before + 1);
      expect(p.shape).toEqual([2, 5]);
      tf.tidy(() => {
        expect(maxAbsDiff(tf.sum(p, 1), tf.ones([2]))).toBeLessThanOrEqual(1e-6);
        const f = features.predict(x) as tf.Tensor;
        expect(f.shape).toEqual([2, frames, 8]);
        expect(maxAbsDiff(f, refFeatures.predict(x) as tf.Tensor)).toBeLessThanOrEqual(1e-5);
        expect(maxAbsDiff(p, ref.predict(x) as tf.Tensor)).toBeLessThanOrEqual(1e-5);
      });
      tf.dispose([x, p]);
    }
  });
});
