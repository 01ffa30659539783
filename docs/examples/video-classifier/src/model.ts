import { input, model, timeDistributed, type Model, type SymbolicTensor } from '@framewise/core';
import { conv2d, dense, globalAveragePooling2d, lstm, maxPooling2d } from '@framewise/layers';

/** Options of {@link videoClassifier}. */
export interface VideoClassifierOptions {
  /** Frame height and width in pixels. Default 64. */
  frameSize?: number;
  /** Colour channels per frame. Default 3. */
  channels?: number;
  /** Filters of the two convolutions. Default `[4, 8]` (small, so the pure-JS cpu backend is quick). */
  filters?: [number, number];
  /** Units of the LSTM that reads the frame features in order. Default 8. */
  lstmUnits?: number;
  /** Number of classes of the softmax. Default 5. */
  classes?: number;
}

/**
 * A video classifier: clips `[batch, frames, height, width, channels]` with
 * the number of frames left open (`input({shape: [null, 64, 64, 3]})`), so one
 * model takes clips of any length.
 *
 * Each frame goes through the same small CNN (Conv2D → MaxPooling2D → Conv2D →
 * GlobalAveragePooling2D), giving `[batch, frames, features]`; an LSTM reads
 * those features in order and a softmax Dense classifies the clip.
 *
 * Why TimeDistributed: Conv2D and the 2-D poolings take `[batch, height,
 * width, channels]` and do not broadcast over an extra frame axis (unlike
 * Dense, which contracts only the last axis). The wrapper merges batch and
 * frames into one axis, runs each layer once with its one set of weights, and
 * splits the axes back, so every frame shares the CNN's weights and the
 * parameter count does not depend on the number of frames.
 */
export function videoClassifier(options: VideoClassifierOptions = {}): Model {
  const { frameSize = 64, channels = 3, filters = [4, 8], lstmUnits = 8, classes = 5 } = options;
  const clips = input({ shape: [null, frameSize, frameSize, channels], name: 'clips' });
  const frameFeatures = [
    timeDistributed(conv2d({ filters: filters[0], kernelSize: 3, activation: 'relu' })),
    timeDistributed(maxPooling2d({ poolSize: 2 })),
    timeDistributed(conv2d({ filters: filters[1], kernelSize: 3, activation: 'relu' })),
    timeDistributed(globalAveragePooling2d()),
  ].reduce<SymbolicTensor>((x, layer) => layer.apply(x), clips);
  const clipFeatures = lstm({ units: lstmUnits }).apply(frameFeatures);
  const probabilities = dense({ units: classes, activation: 'softmax' }).apply(clipFeatures);
  return model({ inputs: clips, outputs: probabilities, name: 'video_classifier' });
}
