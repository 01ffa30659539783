import * as tf from '@tensorflow/tfjs-core';
import { required, type LayerPlugin, type LayerVariable, type Shapes } from '@framewise/core';
import { DenseAttention, type DenseAttentionOptions } from '../common/dense-attention.js';
import { oneOf, optionsFromKeras } from '../common/options.js';
import { flag } from '../common/attention-scores.js';

/** Options of `attention()` (Keras 2's `use_scale`, `score_mode`, `dropout`, `causal`). */
export interface AttentionOptions extends DenseAttentionOptions {
  /** Multiplies the scores by a trained scalar `scale` (initially 1). Default false. */
  useScale?: boolean;
  /**
   * `dot`: `query · keyᵀ`; `concat`: `Σ tanh(query + key)` over the features,
   * times a trained scalar `concat_score_weight`. Default `dot`.
   */
  scoreMode?: 'dot' | 'concat';
}

/**
 * Luong-style dot-product attention (Keras 2's `Attention`): inputs
 * `[query, value]` or `[query, value, key]`, output `[batch, Tq, value features]`.
 *
 * ```ts
 * const q = input({ shape: [5, 8] });
 * const v = input({ shape: [7, 8] });
 * const y = attention({ useScale: true }).apply([q, v]); // [null, 5, 8]
 * ```
 */
export class Attention extends DenseAttention {
  static override readonly className = 'Attention';
  readonly useScale: boolean;
  readonly scoreMode: 'dot' | 'concat';
  private scale: LayerVariable | undefined;
  private concatScoreWeight: LayerVariable | undefined;

  constructor(options: AttentionOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.useScale = flag(opts.useScale, 'useScale', this.name);
    this.scoreMode = oneOf(opts.scoreMode ?? 'dot', ['dot', 'concat'], 'scoreMode', this.name);
  }

  override build(inputShape: Shapes): void {
    this.attentionShapes(inputShape);
    if (this.useScale) this.scale = this.addWeight('scale', [], 'ones');
    if (this.scoreMode === 'concat')
      this.concatScoreWeight = this.addWeight('concat_score_weight', [], 'ones');
  }

  protected override scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    if (this.scoreMode === 'dot') {
      const scores = tf.matMul(query, key, false, true);
      return this.scale ? tf.mul(scores, this.scale.value) : scores;
    }
    // [batch, Tq, 1, dim] + [batch, 1, Tv, dim]
    let sum = tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1));
    if (this.scale) sum = tf.mul(sum, this.scale.value);
    const weight = required(this.concatScoreWeight, 'concat_score_weight').value;
    return tf.mul(weight, tf.sum(tf.tanh(sum), -1));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), use_scale: this.useScale, score_mode: this.scoreMode };
  }
}

/** An Attention layer: `attention({useScale: true})`. */
export function attention(options: AttentionOptions = {}): Attention {
  return new Attention(options);
}

/** Registry entry for `Attention`. */
export const attentionPlugin: LayerPlugin<AttentionOptions> = {
  className: 'Attention',
  create: attention,
  fromConfig: (config) => new Attention(optionsFromKeras<AttentionOptions>(config, 'Attention')),
};
