import type * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerOptions, LayerPlugin, Tensors } from '@framewise/core';
import { ElementwiseLayer, numberOption, passThrough } from '../common/elementwise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `activityRegularization()` (Keras 2's names; tfjs-layers has no such layer). */
export interface ActivityRegularizationOptions extends Omit<LayerOptions, 'activityRegularizer'> {
  /** Weight of Σ|x| in the penalty; ≥ 0. Default 0. */
  l1?: number;
  /** Weight of Σx² in the penalty; ≥ 0. Default 0. */
  l2?: number;
}

/**
 * Passes values through unchanged and adds `(l1·Σ|x| + l2·Σx²) / batch` to the
 * training loss (Keras 2 `ActivityRegularization`), through the same activity
 * penalty every layer's `activityRegularizer` adds.
 */
export class ActivityRegularization extends ElementwiseLayer {
  static override readonly className = 'ActivityRegularization';
  readonly l1: number;
  readonly l2: number;

  constructor(options: ActivityRegularizationOptions = {}) {
    const opts = options ?? {};
    const range = { min: 0, expected: 'a number ≥ 0' };
    // Checked before super() so that the regularizer it makes is valid; the name comes later.
    const l1 = numberOption(opts.l1, 0, 'l1', opts.name ?? 'ActivityRegularization', range);
    const l2 = numberOption(opts.l2, 0, 'l2', opts.name ?? 'ActivityRegularization', range);
    super({ ...opts, activityRegularizer: { class_name: 'L1L2', config: { l1, l2 } } });
    this.l1 = l1;
    this.l2 = l2;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return passThrough(inputs as tf.Tensor);
  }

  /** Keras 2 writes l1 and l2 only: the activity regularizer is the layer itself. */
  override getConfig(): Record<string, unknown> {
    const { activity_regularizer: _made, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
}

/** An ActivityRegularization layer: `activityRegularization({l1: 0.01})`. */
export function activityRegularization(
  options: ActivityRegularizationOptions = {},
): ActivityRegularization {
  return new ActivityRegularization(options);
}

/** Registry entry for `ActivityRegularization`. */
export const activityRegularizationPlugin: LayerPlugin<ActivityRegularizationOptions> = {
  className: 'ActivityRegularization',
  create: activityRegularization,
  fromConfig: (config) => {
    // A config that also names an activity_regularizer (not Keras') keeps l1 and l2 as the penalty.
    const { activity_regularizer: _ignored, ...rest } = config;
    return new ActivityRegularization(
      optionsFromKeras<ActivityRegularizationOptions>(rest, 'ActivityRegularization'),
    );
  },
};
