import * as tf from '@tensorflow/tfjs-core';
import { at, getActivation, type LayerPlugin } from '@framewise/core';
import { projectInputs, type GateWiseCell } from '../common/recurrent/cell-loop.js';
import { gatedConfig, recurrentOptionsFromKeras } from '../common/recurrent/keras-config.js';
import { RecurrentLayer, type RecurrentWeights } from '../common/recurrent/base-layer.js';
import {
  flag,
  gatedSettings,
  type GatedRecurrentOptions,
  type GatedSettings,
} from '../common/recurrent/options.js';

/** Options of `gru()` (tfjs-layers' names and defaults). */
export interface GRUOptions extends GatedRecurrentOptions {
  /**
   * Apply the reset gate after the recurrent matMul (tf.keras 2's default and
   * the cuDNN formulation; the bias then has two rows, input and recurrent).
   * Default false, as in tfjs-layers and Keras 2.2, which do not support true.
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit (Cho et al. 2014), Keras' formulation. Kernels hold the
 * gates in Keras' order z (update), r (reset), h (candidate):
 * `kernel [features, 3·units]`, `recurrent_kernel [units, 3·units]`,
 * `bias [3·units]` (or `[2, 3·units]` with `resetAfter`).
 */
export class GRU extends RecurrentLayer {
  static override readonly className = 'GRU';
  readonly gated: GatedSettings;
  readonly resetAfter: boolean;

  constructor(options: GRUOptions) {
    super(options, 3, 1);
    this.gated = gatedSettings(options, this.name);
    this.resetAfter = flag(options.resetAfter, 'resetAfter', this.name);
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override makeCell(
    w: RecurrentWeights,
    recurrentDropoutMask: tf.Tensor2D | undefined,
  ): GateWiseCell {
    const activation = getActivation(this.settings.activation);
    const gate = getActivation(this.gated.recurrentActivation);
    const [inputBias, recurrentBias] =
      this.resetAfter && w.bias
        ? (tf.unstack(w.bias) as [tf.Tensor1D, tf.Tensor1D])
        : [w.bias as tf.Tensor1D | undefined, undefined];
    // Each gate's blocks once per call, so that no step slices its sum into gates.
    const kernels = tf.split(w.kernel, 3, 1) as tf.Tensor2D[];
    const biases = inputBias ? (tf.split(inputBias, 3) as tf.Tensor1D[]) : undefined;
    const [rkz, rkr, rkh] = tf.split(w.recurrentKernel, 3, 1) as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
    ];
    const [rbz, rbr, rbh] = recurrentBias
      ? (tf.split(recurrentBias, 3) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D])
      : [undefined, undefined, undefined];
    const resetAfter = this.resetAfter;
    return {
      projectGates: (x) => kernels.map((k, g) => projectInputs(x, k, biases?.[g])),
      stepGates(xp, states) {
        const h = at(states, 0, 'GRU state');
        const hPrev = recurrentDropoutMask ? tf.mul(h, recurrentDropoutMask) : h;
        const [xz, xr, xh] = xp as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const z = gate(tf.add(xz, tf.fused.matMul({ a: hPrev, b: rkz, bias: rbz })));
        const r = gate(tf.add(xr, tf.fused.matMul({ a: hPrev, b: rkr, bias: rbr })));
        const candidate = resetAfter
          ? activation(tf.add(xh, tf.mul(r, tf.fused.matMul({ a: hPrev, b: rkh, bias: rbh }))))
          : activation(tf.add(xh, tf.matMul(tf.mul(r, hPrev), rkh)));
        // Keras and tfjs-layers mix with the (dropout-masked) previous state.
        return [tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D];
      },
    };
  }

  protected override ownConfig(): Record<string, unknown> {
    return { ...gatedConfig(this.gated), reset_after: this.resetAfter };
  }
}

/** A GRU layer: `gru({units: 8, returnSequences: true})`. */
export function gru(options: GRUOptions): GRU {
  return new GRU(options);
}

/** Registry entry for `GRU`. */
export const gruPlugin: LayerPlugin<GRUOptions> = {
  className: 'GRU',
  create: gru,
  fromConfig: (config) => new GRU(recurrentOptionsFromKeras<GRUOptions>(config, 'GRU')),
};
