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
const WITH_REFERENCE: ApplicationName[] = [
  'ResNet50',
  'ResNet50V2',
  'VGG16',
  'InceptionV3',
  'DenseNet121',
];

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
        expect(tf.moments(theirs).variance.dataSync()[0]).toBeGreaterThan(1e-3);
        expect(relativeDiff(ours, theirs)).toBeLessThan(1e-4);
      } finally {
        tf.dispose([ours, theirs, clips, ...weights, ...backbone.getWeights()]);
        reference.dispose();
      }
    },
  );
});
