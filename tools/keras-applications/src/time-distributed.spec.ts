import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
import { APPLICATIONS, type ApplicationName } from './index.js';
import {
  frameEncoder,
  framewiseModel,
  perFrameReference,
  seededClips,
  setSeededWeights,
  tfjsLayersModel,
} from './testing/backbone.test-helpers.js';

const FRAMES = 2;

/** Families whose every layer tfjs-layers has; EfficientNetB0's Normalization it lacks. */
const WITH_REFERENCE = (Object.keys(APPLICATIONS) as ApplicationName[]).filter(
  (name) => name !== 'EfficientNetB0',
);

// Whole backbones are slow on the pure-JS cpu backend; wasm is Framewise's default in Node.
beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => resetNames());

/** Largest difference relative to the reference's largest magnitude (at least 1). */
function relativeDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Infinity;
    const scale = Math.max(1, tf.max(tf.abs(b)).dataSync()[0] ?? 0);
    return diff / scale;
  });
}

const variance = (t: tf.Tensor): number => tf.tidy(() => tf.moments(t).variance.dataSync()[0] ?? 0);

describe('Keras Applications without the classifier, as frame encoders in TimeDistributed', () => {
  it.each(WITH_REFERENCE)(
    "%s on [1, 2, smallest, smallest, 3] equals tfjs-layers' per-frame loop",
    async (name) => {
      const app = APPLICATIONS[name];
      const json = app.build({ includeTop: false, inputShape: [app.minSize, app.minSize, 3] });
      const backbone = framewiseModel(json);
      const weights = setSeededWeights(backbone, 7);
      const reference = await tfjsLayersModel(json);
      reference.setWeights(weights);
      const clips = seededClips([1, FRAMES, app.minSize, app.minSize, 3], 11);
      const ours = frameEncoder(backbone, FRAMES).predict(clips) as tf.Tensor;
      const theirs = perFrameReference(reference, clips);
      try {
        expect(ours.shape).toEqual([1, FRAMES, ...(reference.outputs[0]?.shape.slice(1) ?? [])]);
        // Not a comparison of zeros: the seeded weights keep the features near unit scale.
        expect(variance(theirs)).toBeGreaterThan(1e-3);
        expect(relativeDiff(ours, theirs)).toBeLessThan(1e-4);
      } finally {
        tf.dispose([ours, theirs, clips, ...weights, ...backbone.getWeights()]);
        reference.dispose();
      }
    },
  );

  it('EfficientNetB0 on [1, 2, 32, 32, 3] gives finite features of the right shape (tfjs-layers has no Normalization)', () => {
    const json = APPLICATIONS.EfficientNetB0.build({ includeTop: false, inputShape: [32, 32, 3] });
    const backbone = framewiseModel(json);
    const weights = setSeededWeights(backbone, 7);
    const clips = seededClips([1, FRAMES, 32, 32, 3], 11);
    const features = frameEncoder(backbone, FRAMES).predict(clips) as tf.Tensor;
    // The frame encoder must also agree with the backbone called on each frame alone.
    const alone = tf.stack(
      tf.unstack(clips, 1).map((f) => backbone.predict(f) as tf.Tensor),
      1,
    );
    try {
      expect(features.shape).toEqual([1, FRAMES, 1, 1, 1280]);
      expect(tf.tidy(() => tf.all(tf.isFinite(features)).dataSync()[0])).toBe(1);
      expect(variance(features)).toBeGreaterThan(1e-3);
      expect(relativeDiff(features, alone)).toBeLessThan(1e-5);
    } finally {
      tf.dispose([features, alone, clips, ...weights, ...backbone.getWeights()]);
    }
  });
});
