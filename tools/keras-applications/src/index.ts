/**
 * Keras Applications as Keras 2 functional-model JSON (what `model.to_json()`
 * of tf.keras 2.x writes), for testing Framewise on real architectures
 * without TensorFlow or downloaded files.
 */
import { denseNet121 } from './families/densenet.js';
import { efficientNetB0 } from './families/efficientnet.js';
import { inceptionV3 } from './families/inception-v3.js';
import { mobileNet } from './families/mobilenet.js';
import { mobileNetV2 } from './families/mobilenet-v2.js';
import { mobileNetV3Large, mobileNetV3Small } from './families/mobilenet-v3.js';
import { resNet50, resNet50V2 } from './families/resnet.js';
import { vgg16 } from './families/vgg16.js';
import { xception } from './families/xception.js';
import type { KerasModelJSON } from './graph.js';
import type { ApplicationOptions } from './options.js';

export type { KerasLayerJSON, KerasModelJSON } from './graph.js';
export type { ApplicationOptions } from './options.js';

/** One family: its writer, Keras' smallest accepted input side, and whether `alpha` applies. */
export interface Application {
  build: (options?: ApplicationOptions) => KerasModelJSON;
  minSize: number;
  hasAlpha: boolean;
}

/** Every family, by its Keras name. */
export const APPLICATIONS = {
  MobileNet: { build: mobileNet, minSize: 32, hasAlpha: true },
  MobileNetV2: { build: mobileNetV2, minSize: 32, hasAlpha: true },
  MobileNetV3Small: { build: mobileNetV3Small, minSize: 32, hasAlpha: true },
  MobileNetV3Large: { build: mobileNetV3Large, minSize: 32, hasAlpha: true },
  ResNet50: { build: resNet50, minSize: 32, hasAlpha: false },
  ResNet50V2: { build: resNet50V2, minSize: 32, hasAlpha: false },
  VGG16: { build: vgg16, minSize: 32, hasAlpha: false },
  InceptionV3: { build: inceptionV3, minSize: 75, hasAlpha: false },
  Xception: { build: xception, minSize: 71, hasAlpha: false },
  DenseNet121: { build: denseNet121, minSize: 32, hasAlpha: false },
  EfficientNetB0: { build: efficientNetB0, minSize: 32, hasAlpha: false },
} as const satisfies Record<string, Application>;

/** A family's Keras name. */
export type ApplicationName = keyof typeof APPLICATIONS;

/** The model JSON of one family. */
export function kerasApplication(
  name: ApplicationName,
  options: ApplicationOptions = {},
): KerasModelJSON {
  const app: Application | undefined = APPLICATIONS[name];
  if (app === undefined) {
    throw new RangeError(
      `unknown application ${JSON.stringify(name)}; expected one of ${Object.keys(APPLICATIONS).join(', ')}`,
    );
  }
  return app.build(options);
}

export {
  denseNet121,
  efficientNetB0,
  inceptionV3,
  mobileNet,
  mobileNetV2,
  mobileNetV3Large,
  mobileNetV3Small,
  resNet50,
  resNet50V2,
  vgg16,
  xception,
};
