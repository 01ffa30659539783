import * as tf from '@tensorflow/tfjs-core';
import type { Initializer } from '@framewise/core';

/**
 * The bias initializer of an LSTM-style kernel (gates i, f, c, o) with
 * `unitForgetBias`: the forget gate's block starts at 1 (Jozefowicz et al.
 * 2015), the others from `init`. It keeps `init`'s name and config, as
 * tfjs-layers and Keras serialize the bias initializer the user gave.
 */
export function unitForgetBiasInitializer(init: Initializer, units: number): Initializer {
  return {
    className: init.className,
    config: init.config,
    apply: () => tf.concat([init.apply([units]), tf.ones([units]), init.apply([units * 2])], 0),
  };
}
