import type { LayerPlugin } from '@framewise/core';
import { GlobalPooling, type GlobalPoolingOptions } from '../common/global-pooling-base.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `globalMaxPooling1d()`. */
export type GlobalMaxPooling1DOptions = GlobalPoolingOptions;

/**
 * The maximum over all steps of `[batch, steps, channels]`, per channel:
 * `[batch, channels]` (or with the pooled axes kept at size 1, `keepdims`).
 * A mask is not read: masked steps take part in the maximum (Keras' layer
 * does not read masks either).
 */
export class GlobalMaxPooling1D extends GlobalPooling {
  static override readonly className = 'GlobalMaxPooling1D';

  constructor(options: GlobalMaxPooling1DOptions = {}) {
    super(options, 1, 'max');
  }
}

/** A GlobalMaxPooling1D layer: `globalMaxPooling1d()`. */
export function globalMaxPooling1d(options: GlobalMaxPooling1DOptions = {}): GlobalMaxPooling1D {
  return new GlobalMaxPooling1D(options);
}

/** Registry entry for `GlobalMaxPooling1D`. */
export const globalMaxPooling1dPlugin: LayerPlugin<GlobalMaxPooling1DOptions> = {
  className: 'GlobalMaxPooling1D',
  create: globalMaxPooling1d,
  fromConfig: (config) =>
    new GlobalMaxPooling1D(
      optionsFromKeras<GlobalMaxPooling1DOptions>(config, 'GlobalMaxPooling1D'),
    ),
};
