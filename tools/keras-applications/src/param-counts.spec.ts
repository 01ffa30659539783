import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
import { APPLICATIONS, type ApplicationName } from './index.js';
import { framewiseModel, tfjsLayersModel } from './testing/backbone.test-helpers.js';

/**
 * Keras' own counts with the ImageNet classifier (the keras.io Applications
 * table; MobileNetV3's from `model.summary()` of tf.keras 2, alpha 1, not
 * minimalistic).
 */
const KERAS_PARAMS: Record<ApplicationName, number> = {
  MobileNet: 4_253_864,
  MobileNetV2: 3_538_984,
  MobileNetV3Small: 2_554_968,
  MobileNetV3Large: 5_507_432,
  ResNet50: 25_636_712,
  ResNet50V2: 25_613_800,
  VGG16: 138_357_544,
  InceptionV3: 23_851_784,
  Xception: 22_910_480,
  DenseNet121: 8_062_504,
  EfficientNetB0: 5_330_571,
};

const FAMILIES = Object.keys(KERAS_PARAMS) as ApplicationName[];

beforeEach(() => resetNames());

describe("parameter counts of the full models equal Keras'", () => {
  // Framewise has no count without weights: the model is built (VGG16's 138 M values included)
  // and disposed straight away.
  it.each(FAMILIES)('%s in Framewise', (name) => {
    const m = framewiseModel(APPLICATIONS[name].build());
    try {
      expect(m.countParams()).toBe(KERAS_PARAMS[name]);
    } finally {
      tf.dispose(m.getWeights());
    }
  });

  // tfjs-layers has no Normalization layer (EfficientNetB0's input normalisation); VGG16 is
  // counted once, in Framewise, to spare the 138 M values.
  it.each(FAMILIES.filter((n) => n !== 'EfficientNetB0' && n !== 'VGG16'))(
    '%s in tfjs-layers (checks the generator on its own)',
    async (name) => {
      const m = await tfjsLayersModel(APPLICATIONS[name].build());
      try {
        expect(m.countParams()).toBe(KERAS_PARAMS[name]);
      } finally {
        m.dispose();
      }
    },
  );
});
