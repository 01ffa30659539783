import type { LayerPlugin } from '@framewise/core';
import { ConvLSTMBase } from '../common/recurrent/conv-lstm-base.js';
import type { ConvLSTMOptions } from '../common/recurrent/conv-lstm-options.js';
import { recurrentOptionsFromKeras } from '../common/recurrent/keras-config.js';

/** Options of `convLstm2d()` (tfjs-layers' names and defaults). */
export interface ConvLSTM2DOptions extends ConvLSTMOptions {
  /** `3` or `[3, 3]`, for both convolutions. */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** Default 1. */
  dilationRate?: number | [number, number];
}

/**
 * Convolutional LSTM over a sequence of images, `[batch, time, height, width,
 * channels]` (Keras' `ConvLSTM2D`). Output `[batch, height', width', filters]`,
 * or `[batch, time, height', width', filters]` with `returnSequences`; states
 * `[h, c]` of that map shape.
 */
export class ConvLSTM2D extends ConvLSTMBase {
  static override readonly className = 'ConvLSTM2D';

  constructor(options: ConvLSTM2DOptions) {
    super(options, 2);
  }
}

/** A ConvLSTM2D layer: `convLstm2d({filters: 8, kernelSize: 3, padding: 'same'})`. */
export function convLstm2d(options: ConvLSTM2DOptions): ConvLSTM2D {
  return new ConvLSTM2D(options);
}

/** Registry entry for `ConvLSTM2D`. */
export const convLstm2dPlugin: LayerPlugin<ConvLSTM2DOptions> = {
  className: 'ConvLSTM2D',
  create: convLstm2d,
  fromConfig: (config) =>
    new ConvLSTM2D(recurrentOptionsFromKeras<ConvLSTM2DOptions>(config, 'ConvLSTM2D')),
};
