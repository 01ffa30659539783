import * as tf from '@tensorflow/tfjs-core';
import { at, getActivation, type Initializer, type LayerPlugin } from '@framewise/core';
import { projectInputs, type GateWiseCell } from '../common/recurrent/cell-loop.js';
import { gatedConfig, recurrentOptionsFromKeras } from '../common/recurrent/keras-config.js';
import { RecurrentLayer, type RecurrentWeights } from '../common/recurrent/base-layer.js';
import { unitForgetBiasInitializer } from '../common/recurrent/forget-bias.js';
import {
  flag,
  gatedSettings,
  type GatedRecurrentOptions,
  type GatedSettings,
} from '../common/recurrent/options.js';

/** Options of `lstm()` (tfjs-layers' names and defaults). */
export interface LSTMOptions extends GatedRecurrentOptions {
  /**
   * Start the forget gate's bias at 1 (Jozefowicz et al. 2015). Default false,
   * as in tfjs-layers (Keras' default is true); it only changes initial weights.
   */
  unitForgetBias?: boolean;
}

/**
 * Long short-term memory (Hochreiter 1997), Keras' formulation. Kernels hold
 * the gates in Keras' order i, f, c, o: `kernel [features, 4·units]`,
 * `recurrent_kernel [units, 4·units]`, `bias [4·units]`. States: `[h, c]`.
 */
export class LSTM extends RecurrentLayer {
  static override readonly className = 'LSTM';
  readonly gated: GatedSettings;
  readonly unitForgetBias: boolean;

  constructor(options: LSTMOptions) {
    super(options, 4, 2);
    this.gated = gatedSettings(options, this.name);
    this.unitForgetBias = flag(options.unitForgetBias, 'unitForgetBias', this.name);
  }

  protected override biasInitializerForBuild(): Initializer {
    const init = this.settings.biasInitializer;
    return this.unitForgetBias ? unitForgetBiasInitializer(init, this.units) : init;
  }

  protected override makeCell(
    w: RecurrentWeights,
    recurrentDropoutMask: tf.Tensor2D | undefined,
  ): GateWiseCell {
    const activation = getActivation(this.settings.activation);
    const gate = getActivation(this.gated.recurrentActivation);
    // Each gate's blocks once per call, so that no step slices its sum into gates.
    const kernels = tf.split(w.kernel, 4, 1) as tf.Tensor2D[];
    const recurrentKernels = tf.split(w.recurrentKernel, 4, 1) as tf.Tensor2D[];
    const biases = w.bias ? (tf.split(w.bias, 4) as tf.Tensor1D[]) : undefined;
    return {
      projectGates: (x) => kernels.map((k, g) => projectInputs(x, k, biases?.[g])),
      stepGates(xp, states) {
        const h = at(states, 0, 'LSTM hidden state');
        const c = at(states, 1, 'LSTM cell state');
        const hPrev = recurrentDropoutMask ? tf.mul(h, recurrentDropoutMask) : h;
        const [zi, zf, zc, zo] = recurrentKernels.map((r, g) =>
          tf.add(at(xp, g, 'LSTM gate input'), tf.matMul(hPrev, r)),
        ) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const cNext = tf.add(tf.mul(gate(zf), c), tf.mul(gate(zi), activation(zc)));
        const hNext = tf.mul(gate(zo), activation(cNext));
        return [hNext as tf.Tensor2D, cNext as tf.Tensor2D];
      },
    };
  }

  protected override ownConfig(): Record<string, unknown> {
    return { ...gatedConfig(this.gated), unit_forget_bias: this.unitForgetBias };
  }
}

/** An LSTM layer: `lstm({units: 8, returnSequences: true})`. */
export function lstm(options: LSTMOptions): LSTM {
  return new LSTM(options);
}

/** Registry entry for `LSTM`. */
export const lstmPlugin: LayerPlugin<LSTMOptions> = {
  className: 'LSTM',
  create: lstm,
  fromConfig: (config) => new LSTM(recurrentOptionsFromKeras<LSTMOptions>(config, 'LSTM')),
};
