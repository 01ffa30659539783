import {
  input,
  model,
  modelFromJSON,
  timeDistributed,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import { mobileNetV2 } from '@framewise/keras-applications-generator';
import { dense, globalAveragePooling2d, lstm } from '@framewise/layers';

/** Options of {@link mobileNetVideoClassifier}. */
export interface MobileNetVideoClassifierOptions {
  /** Frame height and width in pixels (MobileNetV2 takes 32 or more). Default 96. */
  frameSize?: number;
  /** MobileNetV2's width multiplier. Default 0.35, its smallest ImageNet variant. */
  alpha?: number;
  /** Units of the LSTM that reads the frame features in order. Default 16. */
  lstmUnits?: number;
  /** Number of classes of the softmax. Default 5. */
  classes?: number;
}

/**
 * A video classifier over a Keras Applications backbone: clips
 * `[batch, frames, height, width, 3]`, frames left open.
 *
 * MobileNetV2 without its ImageNet classifier is read from its Keras JSON (the
 * architecture `tf.keras.applications.MobileNetV2(include_top=False)` writes)
 * and wrapped whole in one TimeDistributed: every frame goes through the same
 * backbone with one set of weights, giving `[batch, frames, h', w', 1280]`;
 * global average pooling makes one feature vector per frame, an LSTM reads
 * them in order and a softmax Dense classifies the clip. Loading ImageNet
 * weights into the backbone is `@framewise/io`'s `loadWeights`.
 */
export function mobileNetVideoClassifier(options: MobileNetVideoClassifierOptions = {}): Model {
  const { frameSize = 96, alpha = 0.35, lstmUnits = 16, classes = 5 } = options;
  const backbone = modelFromJSON(
    mobileNetV2({ includeTop: false, alpha, inputShape: [frameSize, frameSize, 3] }),
  );
  const clips = input({ shape: [null, frameSize, frameSize, 3], name: 'clips' });
  const frameFeatures = [
    timeDistributed(backbone),
    timeDistributed(globalAveragePooling2d()),
  ].reduce<SymbolicTensor>((x, layer) => layer.apply(x), clips);
  // Keras' default gate activation; tfjs-layers' default (Keras 2's hard_sigmoid) has no
  // Keras 3 equivalent, so a model using it cannot be saved as a .keras file.
  const clipFeatures = lstm({ units: lstmUnits, recurrentActivation: 'sigmoid' }).apply(
    frameFeatures,
  );
  const probabilities = dense({ units: classes, activation: 'softmax' }).apply(clipFeatures);
  return model({ inputs: clips, outputs: probabilities, name: 'mobilenet_video_classifier' });
}
