import type { LayerPlugin } from '@framewise/core';
import {
  LocallyConnected,
  type LocallyConnectedOptions,
} from '../common/locally-connected-base.js';
import { optionsFromKeras } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `locallyConnected1d()` (Keras 2's names, camelCased; tfjs-layers has no such layer). */
export interface LocallyConnected1DOptions extends LocallyConnectedOptions {
  /** `3` or `[3]`. */
  kernelSize: number | [number];
  /** Default 1. */
  strides?: number | [number];
}

/**
 * A 1-D convolution without weight sharing over `[batch, steps, channels]`
 * (Keras 2): every output step has its own kernel. Weights: `kernel`
 * `[outputSteps, kernelSize × channels, filters]` (implementation 1; implementation 2:
 * `[steps, channels, outputSteps, filters]`, masked), `bias` `[outputSteps, filters]`.
 * The number of steps must be known to build.
 */
export class LocallyConnected1D extends LocallyConnected {
  static override readonly className = 'LocallyConnected1D';

  constructor(options: LocallyConnected1DOptions) {
    super(options, 1, spatialInputHint(1, 'locallyConnected1d'));
  }
}

/** A LocallyConnected1D layer: `locallyConnected1d({filters: 8, kernelSize: 3})`. */
export function locallyConnected1d(options: LocallyConnected1DOptions): LocallyConnected1D {
  return new LocallyConnected1D(options);
}

/** Registry entry for `LocallyConnected1D`; refuses implementation 3. */
export const locallyConnected1dPlugin: LayerPlugin<LocallyConnected1DOptions> = {
  className: 'LocallyConnected1D',
  create: locallyConnected1d,
  fromConfig: (config) =>
    new LocallyConnected1D(
      optionsFromKeras<LocallyConnected1DOptions>(config, 'LocallyConnected1D'),
    ),
};
