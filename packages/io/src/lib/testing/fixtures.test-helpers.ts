import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package's fixture folder. */
export const FIXTURES = join(__dirname, '../../../fixtures');
/** Keras-layout fixtures written by tools/make-keras-layout-fixtures.py. */
export const KERAS_LAYOUT = join(FIXTURES, 'keras-layout');
/** The project's real fixture files, as the repository keeps them (byte-for-byte copies). */
export const SHARED = join(__dirname, '../../../../layers/fixtures');

interface Values {
  input: number[][][];
  weights: Record<'td_dense' | 'lstm' | 'td_head', number[][] | number[][][]>;
}

/** The weights and test input the fixture script recorded. */
export function fixtureValues(): Values {
  return JSON.parse(readFileSync(join(KERAS_LAYOUT, 'values.json'), 'utf8')) as Values;
}

/**
 * The fixture model built in tfjs-layers (the numerical reference) with the
 * recorded weights. `flavour` 2: LSTM recurrent activation and head are Keras 2's
 * hard_sigmoid; 3: sigmoid, and the head's hard_sigmoid is Keras 3's relu6(x + 3) / 6.
 */
export function referenceOutput(flavour: 2 | 3): tf.Tensor {
  const values = fixtureValues();
  const model = tfl.sequential({
    layers: [
      tfl.layers.timeDistributed({
        layer: tfl.layers.dense({ units: 5, activation: 'relu' }),
        inputShape: [4, 3],
      }),
      tfl.layers.lstm({
        units: 6,
        returnSequences: true,
        recurrentInitializer: 'zeros',
        recurrentActivation: flavour === 2 ? 'hardSigmoid' : 'sigmoid',
      }),
      tfl.layers.timeDistributed({
        layer: tfl.layers.dense({ units: 2, activation: flavour === 2 ? 'hardSigmoid' : 'linear' }),
      }),
    ],
  });
  const weights = [...values.weights.td_dense, ...values.weights.lstm, ...values.weights.td_head];
  const tensors = weights.map((w) => tf.tensor(w as number[]));
  model.setWeights(tensors);
  tf.dispose(tensors);
  const x = tf.tensor(values.input);
  const y = tf.tidy(() => {
    const out = model.predict(x) as tf.Tensor;
    return flavour === 2 ? out : tf.div(tf.relu6(tf.add(out, 3)), 6);
  });
  x.dispose();
  model.dispose();
  return y;
}

/** Largest absolute difference of two tensors of the same shape. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** A tfjs layers model folder (model.json + shards) loaded by tfjs-layers itself, from the files' bytes. */
export async function loadInTfjsLayers(folder: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const group = json.weightsManifest[0];
  const shards: Uint8Array[] = group.paths.map(
    (p: string) => new Uint8Array(readFileSync(join(folder, p))),
  );
  const data = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((at, s) => (data.set(s, at), at + s.length), 0);
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: group.weights,
      weightData: data.buffer,
    }),
  );
}
