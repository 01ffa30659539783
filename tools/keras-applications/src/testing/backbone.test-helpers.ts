// tfjs-layers needs the chained ops that only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model, modelFromJSON, timeDistributed, type Model } from '@framewise/core';
import '@framewise/layers';
import type { KerasModelJSON } from '../index.js';

/** Framewise's model from the JSON, as `loadModel` would build it before reading weights. */
export const framewiseModel = (json: KerasModelJSON): Model => modelFromJSON(JSON.stringify(json));

/** tfjs-layers' model from the same JSON. */
export const tfjsLayersModel = (json: KerasModelJSON): Promise<tfl.LayersModel> =>
  tfl.models.modelFromJSON({
    modelTopology: JSON.parse(JSON.stringify(json)) as tf.io.ModelJSON['modelTopology'],
  } as tf.io.ModelJSON);

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Seeded weights that keep activations near unit scale through a deep
 * network, so that comparing outputs means something: kernels He-uniform
 * (fan-in from the window only for depthwise kernels), biases and BN shifts
 * small, BN scales and variances near one.
 */
export function seededBackboneWeights(
  shapes: readonly (readonly number[])[],
  names: readonly string[],
  seed: number,
): tf.Tensor[] {
  // tfjs' seeded generator: a plain JavaScript loop over 10⁸ values is far slower under Jest.
  const uniform = (shape: readonly number[], limit: number, centre: number, i: number): tf.Tensor =>
    tf.randomUniform([...shape], centre - limit, centre + limit, 'float32', seed + i);
  return shapes.map((shape, i) => {
    const name = names[i] ?? '';
    if (/gamma|moving_variance|variance$/.test(name)) return uniform(shape, 0.2, 1, i);
    if (/count$/.test(name)) return tf.zeros([...shape]);
    if (shape.length <= 1) return uniform(shape, 0.1, 0, i);
    const window = shape.length === 4 ? (shape[0] ?? 1) * (shape[1] ?? 1) : 1;
    const fanIn = /depthwise/.test(name) ? window : size(shape.slice(0, -1));
    return uniform(shape, Math.sqrt(6 / fanIn), 0, i);
  });
}

/** Sets the same seeded weights on the Framewise model, returning them for the reference. */
export function setSeededWeights(m: Model, seed: number): tf.Tensor[] {
  const values = seededBackboneWeights(
    m.weights.map((w) => w.shape),
    m.weights.map((w) => w.name),
    seed,
  );
  m.setWeights(values);
  return values;
}

/** The backbone as a frame encoder: `[batch, frames, h, w, c]` in, one output per frame. */
export function frameEncoder(backbone: Model, frames: number): Model {
  const [h, w, c] = backbone.inputs[0]?.shape.slice(1) ?? [];
  const clips = input({ shape: [frames, Number(h), Number(w), Number(c)] });
  return model({ inputs: clips, outputs: timeDistributed(backbone).apply(clips) });
}

/** tfjs-layers' answer, one frame at a time (what TimeDistributed means). */
export function perFrameReference(reference: tfl.LayersModel, clips: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const frames = tf.unstack(clips, 1).map((frame) => reference.predict(frame) as tf.Tensor);
    return tf.stack(frames, 1);
  });
}

/** Seeded clips in [0, 255), like pixels. */
export function seededClips(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, 0, 255, 'float32', seed);
}
