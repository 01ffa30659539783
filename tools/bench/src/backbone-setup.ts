/**
 * The backbone row: a whole Keras Applications model (MobileNetV2 α 0.35
 * without its classifier, from the Keras JSON of tools/keras-applications)
 * inside TimeDistributed, built in Framewise and in tfjs-layers with one set of
 * weights, plus the floor: the same backbone called once on the merged
 * `[batch·frames, h, w, 3]` input, as one would without a wrapper.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model, modelFromJSON, timeDistributed } from '@framewise/core';
import { mobileNetV2 } from '@framewise/keras-applications-generator';
import type { ModelRowSpec } from './model-rows.js';
import type { ModelSetup } from './model-setup.js';

const SEED = 7;
/** Frame side and width multiplier of the row's MobileNetV2. */
export const BACKBONE_FRAME = 96;
export const BACKBONE_ALPHA = 0.35;

/** Both sides of the backbone row and its floor. */
export async function setupBackboneRow(row: ModelRowSpec): Promise<ModelSetup> {
  const side = BACKBONE_FRAME;
  const json = mobileNetV2({
    includeTop: false,
    alpha: BACKBONE_ALPHA,
    inputShape: [side, side, 3],
  });
  const x = tf.randomNormal([row.batch, row.time, side, side, 3], 0, 1, 'float32', SEED);
  const backbone = modelFromJSON(JSON.stringify(json));
  const clips = input({ shape: [row.time, side, side, 3] });
  const framewise = model({ inputs: clips, outputs: timeDistributed(backbone).apply(clips) });

  const inner = await tfl.models.modelFromJSON({
    modelTopology: JSON.parse(JSON.stringify(json)) as tf.io.ModelJSON['modelTopology'],
  } as tf.io.ModelJSON);
  inner.setWeights(backbone.getWeights());
  const theirClips = tfl.input({ shape: [row.time, side, side, 3] });
  const tfjsLayers = tfl.model({
    inputs: theirClips,
    outputs: tfl.layers.timeDistributed({ layer: inner }).apply(theirClips) as tfl.SymbolicTensor,
  });

  const merged = [row.batch * row.time, side, side, 3];
  const floor = (): tf.Tensor =>
    tf.tidy(() => {
      const y = backbone.predict(tf.reshape(x, merged)) as tf.Tensor;
      return tf.reshape(y, [row.batch, row.time, ...y.shape.slice(1)]);
    });
  return {
    x,
    framewise,
    tfjsLayers,
    floor,
    dispose() {
      tfjsLayers.dispose();
      framewise.dispose();
      x.dispose();
    },
  };
}
