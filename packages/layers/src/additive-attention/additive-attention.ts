import * as tf from '@tensorflow/tfjs-core';
import {
  formatShape,
  ShapeError,
  type LayerPlugin,
  type LayerVariable,
  type Shapes,
} from '@framewise/core';
import { DenseAttention, type DenseAttentionOptions } from '../common/dense-attention.js';
import { optionsFromKeras } from '../common/options.js';
import { flag } from '../common/attention-scores.js';

/** Options of `additiveAttention()` (Keras 2's `use_scale`, `dropout`, `causal`). */
export interface AdditiveAttentionOptions extends DenseAttentionOptions {
  /** Weighs each feature's `tanh` by a trained vector `scale` (Glorot uniform). Default true. */
  useScale?: boolean;
}

/**
 * Bahdanau-style additive attention (Keras 2's `AdditiveAttention`): the
 * scores are `Σ scale · tanh(query + key)` over the features; inputs
 * `[query, value]` or `[query, value, key]`.
 */
export class AdditiveAttention extends DenseAttention {
  static override readonly className = 'AdditiveAttention';
  readonly useScale: boolean;
  private scale: LayerVariable | undefined;

  constructor(options: AdditiveAttentionOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.useScale = flag(opts.useScale, 'useScale', this.name, true);
  }

  override build(inputShape: Shapes): void {
    const [, value, key] = this.attentionShapes(inputShape);
    // Keras 2 sizes `scale` from the value's features; the scores need the key's.
    const dim = value[2] ?? null;
    if (dim === null || dim !== (key[2] ?? null)) {
      throw new ShapeError(
        `value and key must have the same known features to build, received value ` +
          `${formatShape(value)} and key ${formatShape(key)}`,
        this.name,
      );
    }
    if (this.useScale) this.scale = this.addWeight('scale', [dim], 'glorotUniform');
  }

  protected override scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    // [batch, Tq, 1, dim] + [batch, 1, Tv, dim]
    const t = tf.tanh(tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1)));
    return tf.sum(this.scale ? tf.mul(t, this.scale.value) : t, -1);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), use_scale: this.useScale };
  }
}

/** An AdditiveAttention layer: `additiveAttention()`. */
export function additiveAttention(options: AdditiveAttentionOptions = {}): AdditiveAttention {
  return new AdditiveAttention(options);
}

/** Registry entry for `AdditiveAttention`. */
export const additiveAttentionPlugin: LayerPlugin<AdditiveAttentionOptions> = {
  className: 'AdditiveAttention',
  create: additiveAttention,
  fromConfig: (config) =>
    new AdditiveAttention(optionsFromKeras<AdditiveAttentionOptions>(config, 'AdditiveAttention')),
};
