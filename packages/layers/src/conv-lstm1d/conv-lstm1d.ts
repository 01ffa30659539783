import type { LayerPlugin } from '@framewise/core';
import { ConvLSTMBase } from '../common/recurrent/conv-lstm-base.js';
import type { ConvLSTMOptions } from '../common/recurrent/conv-lstm-options.js';
import { recurrentOptionsFromKeras } from '../common/recurrent/keras-config.js';

/** Options of `convLstm1d()` (ConvLSTM2D's names and defaults, one spatial axis). */
export interface ConvLSTM1DOptions extends ConvLSTMOptions {
  /** `3` or `[3]`, for both convolutions. */
  kernelSize: number | [number];
  /** Default 1. */
  strides?: number | [number];
  /** Default 1. */
  dilationRate?: number | [number];
}

/**
 * Convolutional LSTM over a sequence of 1-D signals, `[batch, time, steps,
 * channels]` (Keras' `ConvLSTM1D`; tfjs-layers has none). Output
 * `[batch, steps', filters]`, or `[batch, time, steps', filters]` with
 * `returnSequences`; states `[h, c]` of that map shape. It computes what
 * ConvLSTM2D computes on frames of height 1.
 */
export class ConvLSTM1D extends ConvLSTMBase {
  static override readonly className = 'ConvLSTM1D';

  constructor(options: ConvLSTM1DOptions) {
    super(options, 1);
  }
}

/** A ConvLSTM1D layer: `convLstm1d({filters: 8, kernelSize: 3, padding: 'same'})`. */
export function convLstm1d(options: ConvLSTM1DOptions): ConvLSTM1D {
  return new ConvLSTM1D(options);
}

/** Registry entry for `ConvLSTM1D`. */
export const convLstm1dPlugin: LayerPlugin<ConvLSTM1DOptions> = {
  className: 'ConvLSTM1D',
  create: convLstm1d,
  fromConfig: (config) =>
    new ConvLSTM1D(recurrentOptionsFromKeras<ConvLSTM1DOptions>(config, 'ConvLSTM1D')),
};
