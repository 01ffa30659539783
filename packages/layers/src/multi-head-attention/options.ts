import { ConfigError, type LayerOptions } from '@framewise/core';
import { positiveInt, type InitializerOption } from '../common/options.js';
import type { KernelTrainingOptions } from '../common/training-fields.js';

/** Options of `multiHeadAttention()` (Keras 2's names, camelCase). */
export interface MultiHeadAttentionOptions extends LayerOptions, KernelTrainingOptions {
  /** Attention heads. */
  numHeads: number;
  /** Size of each head for query and key. */
  keyDim: number;
  /** Size of each head for value. Default `keyDim`. */
  valueDim?: number;
  /** Fraction of the attention weights dropped while training. Default 0. */
  dropout?: number;
  /** Biases in the four projections. Default true. */
  useBias?: boolean;
  /** Features of the output (a size or a shape). Default: the query's features. */
  outputShape?: number | number[];
  /** Axes attended over jointly (of the query, batch = 0). Default: every axis but batch and features. */
  attentionAxes?: number | number[];
  /** Default `glorotUniform`. */
  kernelInitializer?: InitializerOption;
  /** Default `zeros`. */
  biasInitializer?: InitializerOption;
  /**
   * Keras' call argument, here a layer option because a graph call carries
   * none: query step `i` attends only to value steps `j <= i`. Saved as
   * `use_causal_mask` when true (Keras 2 does not read that key).
   */
  useCausalMask?: boolean;
  /**
   * Keras' call argument, here a layer option: a second output, the attention
   * weights `[batch, heads, Tq, Tv]`. Saved as `return_attention_scores` when true.
   */
  returnAttentionScores?: boolean;
  /**
   * Makes the dropout repeatable: the same sequence of masks in every run and
   * on every engine (Keras 3's `seed`; Keras 2 has none). Saved as `seed` when given.
   */
  seed?: number;
}

/** `outputShape` as given, checked: a size, a list of sizes, or undefined. */
export function checkOutputShape(value: unknown, layerName: string): number | number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return positiveInt(value, 'outputShape', layerName);
  if (Array.isArray(value) && value.length > 0)
    return value.map((d, i) => positiveInt(d, `outputShape[${i}]`, layerName));
  throw new ConfigError(
    `outputShape must be a size or a list of sizes, received ${JSON.stringify(value)}`,
    layerName,
  );
}

/** `attentionAxes` as a list (a single axis becomes a list of one), or null for the default. */
export function checkAxesOption(value: unknown, layerName: string): number[] | null {
  if (value === undefined || value === null) return null;
  const list = typeof value === 'number' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((a) => !Number.isInteger(a) || (a as number) < 1)
  ) {
    throw new ConfigError(
      `attentionAxes must be an axis ≥ 1 or a list of them, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return list as number[];
}
