import { at, type LayerPlugin } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PadCrop, type PadCropOptions } from '../common/pad-crop-base.js';

/** Zeros before and after the steps of a sequence: `[before, after]`. */
export type Padding1D = [number, number];

/** Options of `zeroPadding1d()` (Keras' names, camelCased). */
export interface ZeroPadding1DOptions extends PadCropOptions {
  /**
   * Default 1. A number pads both ends by it; `[before, after]` sets each end.
   */
  padding?: number | [number, number];
}

/**
 * Adds steps of zeros at both ends of `[batch, steps, channels]` sequences.
 * Keras 2 writes no `data_format` for it; channels stay last.
 */
export class ZeroPadding1D extends PadCrop {
  static override readonly className = 'ZeroPadding1D';

  constructor(options: ZeroPadding1DOptions = {}) {
    super(options, 1, 'pad', 1);
  }

  /** `[before, after]`. */
  get padding(): Padding1D {
    return at(this.pairs, 0, 'axis pair');
  }
}

/** A ZeroPadding1D layer: `zeroPadding1d({padding: [2, 0]})` adds two zero steps at the start (causal padding). */
export function zeroPadding1d(options: ZeroPadding1DOptions = {}): ZeroPadding1D {
  return new ZeroPadding1D(options);
}

/** Registry entry for `ZeroPadding1D`. */
export const zeroPadding1dPlugin: LayerPlugin<ZeroPadding1DOptions> = {
  className: 'ZeroPadding1D',
  create: zeroPadding1d,
  fromConfig: (config) =>
    new ZeroPadding1D(optionsFromKeras<ZeroPadding1DOptions>(config, 'ZeroPadding1D')),
};
