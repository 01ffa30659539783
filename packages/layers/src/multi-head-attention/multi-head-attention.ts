import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  formatShape,
  isShapeList,
  Layer,
  required,
  serializeInitializer,
  ShapeError,
  type CallOptions,
  type LayerPlugin,
  type Masks,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import {
  andMasks,
  dropoutRate,
  dropWeights,
  dropoutSeeds,
  type DropoutSeeds,
  flag,
  lowerTriangular,
  maskedSoftmax,
} from '../common/attention-scores.js';
import { commonBatch, maskList } from '../common/merge.js';
import {
  kernelSettings,
  optionsFromKeras,
  positiveInt,
  type KernelSettings,
} from '../common/options.js';
import { weightTrainingConfig } from '../common/training-fields.js';
import {
  axesLayout,
  checkAxes,
  flatMask,
  fromHeads,
  kerasScoresShape,
  sizesAt,
  toHeads,
  type AxesLayout,
} from './attention-axes.js';
import { project, projectOut, type Projection } from './projection.js';
import { checkAxesOption, checkOutputShape, type MultiHeadAttentionOptions } from './options.js';

export type { MultiHeadAttentionOptions } from './options.js';

/**
 * Multi-head attention (Keras 2's `MultiHeadAttention`, "Attention Is All
 * You Need"). Inputs `[query, value]`, `[query, value, key]`, or
 * `[query, value, key, attentionMask]` (the mask `[batch, Tq, Tv]`, 1 where a
 * query step may attend). Masks of the query, value and key inputs are
 * combined with it as Keras 2.10+ does. Weights are stored as Keras 2 saves
 * them: `query/kernel` `[features, heads, keyDim]`, `query/bias` `[heads, keyDim]`,
 * the same for `key` and `value`, then `attention_output/kernel`
 * `[heads, valueDim, ...outputShape]` and `attention_output/bias`.
 *
 * ```ts
 * const x = input({ shape: [6, 16] });
 * const y = multiHeadAttention({ numHeads: 2, keyDim: 8 }).apply([x, x]); // [null, 6, 16]
 * ```
 */
export class MultiHeadAttention extends Layer {
  static override readonly className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly outputShape: number | number[] | undefined;
  readonly attentionAxes: number[] | null;
  readonly useCausalMask: boolean;
  readonly returnAttentionScores: boolean;
  readonly seed: number | undefined;
  private readonly dropoutSeeds: DropoutSeeds;
  readonly settings: KernelSettings;
  private projections:
    Record<'query' | 'key' | 'value' | 'attention_output', Projection> | undefined;
  private builtShapes: [Shape, Shape, Shape] | undefined;

  constructor(options: MultiHeadAttentionOptions) {
    const opts = options ?? ({} as MultiHeadAttentionOptions);
    super(opts);
    this.numHeads = positiveInt(opts.numHeads, 'numHeads', this.name);
    this.keyDim = positiveInt(opts.keyDim, 'keyDim', this.name);
    this.valueDim = positiveInt(opts.valueDim ?? this.keyDim, 'valueDim', this.name);
    this.dropout = dropoutRate(opts.dropout, this.name);
    this.dropoutSeeds = dropoutSeeds(opts.seed, this.name);
    this.seed = this.dropoutSeeds.seed;
    this.outputShape = checkOutputShape(opts.outputShape, this.name);
    this.attentionAxes = checkAxesOption(opts.attentionAxes, this.name);
    this.useCausalMask = flag(opts.useCausalMask, 'useCausalMask', this.name);
    this.returnAttentionScores = flag(
      opts.returnAttentionScores,
      'returnAttentionScores',
      this.name,
    );
    this.settings = kernelSettings(opts, this.name);
    this.supportsMasking = true;
  }

  /** Every output step depends on every value step. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'MultiHeadAttention looks at every step of its value input' };
  }

  /** `[query, value, key]` and the attention mask's shape, checked. */
  private shapes(inputShape: Shapes): {
    qvk: [Shape, Shape, Shape];
    mask: Shape | undefined;
    layout: AxesLayout;
  } {
    const list = isShapeList(inputShape) ? inputShape : null;
    if (list === null || list.length < 2 || list.length > 4) {
      const got =
        list === null
          ? `one input ${formatShape(inputShape as Shape)}`
          : `${list.length} inputs ${list.map(formatShape).join(', ')}`;
      throw new ShapeError(
        `expected a list of 2 to 4 inputs [query, value, key?, attentionMask?], received ${got}`,
        this.name,
      );
    }
    commonBatch(list, this.name);
    const query = at(list, 0, 'query shape');
    const value = at(list, 1, 'value shape');
    const qvk: [Shape, Shape, Shape] = [query, value, list[2] ?? value];
    if (query.length < 3) {
      throw new ShapeError(
        `query must be [batch, steps..., features] (rank 3 or more), received ${formatShape(query)}`,
        this.name,
      );
    }
    const layout = axesLayout(query.length, this.attentionAxes, this.name);
    checkAxes(layout, qvk, this.name);
    const mask = list[3];
    const scoresRank = 2 + layout.batch.length + 2 * layout.attention.length;
    if (
      mask !== undefined &&
      (mask.length < 2 * layout.attention.length || mask.length > scoresRank)
    ) {
      throw new ShapeError(
        `attentionMask must have between ${2 * layout.attention.length} and ${scoresRank} axes ` +
          `([batch, Tq, Tv] for sequences), received ${formatShape(mask)}`,
        this.name,
      );
    }
    return { qvk, mask, layout };
  }

  override build(inputShape: Shapes): void {
    const { qvk } = this.shapes(inputShape);
    const [query, value, key] = qvk;
    const features = (s: Shape, name: string): number => {
      const d = s[s.length - 1] ?? null;
      if (d === null)
        throw new ShapeError(
          `the features of ${name} must be known to build, received ${formatShape(s)}`,
          this.name,
        );
      return d;
    };
    const dq = features(query, 'query');
    const out = this.outputFeatures(dq).map((d) => d ?? dq);
    const s = this.settings;
    const add = (name: string, kernel: number[], bias: number[]): Projection => ({
      kernel: this.addWeight(
        `${name}/kernel`,
        kernel,
        s.kernelInitializer,
        true,
        s.training.kernel,
      ),
      bias: s.useBias
        ? this.addWeight(`${name}/bias`, bias, s.biasInitializer, true, s.training.bias)
        : undefined,
    });
    const [h, kd, vd] = [this.numHeads, this.keyDim, this.valueDim];
    this.projections = {
      query: add('query', [dq, h, kd], [h, kd]),
      key: add('key', [features(key, 'key'), h, kd], [h, kd]),
      value: add('value', [features(value, 'value'), h, vd], [h, vd]),
      attention_output: add('attention_output', [h, vd, ...out], out),
    };
    this.builtShapes = qvk;
  }

  private outputFeatures(queryFeatures: number | null): (number | null)[] {
    if (this.outputShape === undefined) return [queryFeatures];
    return typeof this.outputShape === 'number' ? [this.outputShape] : this.outputShape.slice();
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const { qvk, layout } = this.shapes(inputShape);
    const [query, , key] = qvk;
    const output: Shape = [
      ...query.slice(0, -1),
      ...this.outputFeatures(query[query.length - 1] ?? null),
    ];
    if (!this.returnAttentionScores) return output;
    return [output, kerasScoresShape(query, key, this.numHeads, layout)];
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const list = inputs as tf.Tensor[];
    const { layout } = this.shapes(list.map((t) => t.shape));
    const p = required(this.projections, 'projections');
    const query = at(list, 0, 'query');
    const value = at(list, 1, 'value');
    const key = list[2] ?? value;
    const q = toHeads(tf.mul(project(query, p.query), 1 / Math.sqrt(this.keyDim)), layout);
    const k = toHeads(project(key, p.key), layout);
    const v = toHeads(project(value, p.value), layout);
    const scores = tf.matMul(q, k, false, true); // [batch, P, heads, Tq, Tk]
    const kerasShape = kerasScoresShape(query.shape, key.shape, this.numHeads, layout);
    const mask = this.attentionMask(list, options.mask, layout);
    const weights = maskedSoftmax(
      scores,
      mask === null ? null : flatMask(mask, kerasShape, scores.shape, layout),
    );
    const attended = tf.matMul(
      dropWeights(weights, this.dropout, options.training, this.dropoutSeeds),
      v,
    );
    const output = projectOut(fromHeads(attended, query.shape, layout), p.attention_output);
    return this.returnAttentionScores ? [output, tf.reshape(weights, kerasShape)] : output;
  }

  /** Keras 2.10+: the attention mask and the masks of query (`[b, T, 1]`), value and key (`[b, 1, S]`), causal (`[1, T, S]`). */
  private attentionMask(
    list: tf.Tensor[],
    masks: Masks | undefined,
    layout: AxesLayout,
  ): tf.Tensor | null {
    const [queryMask = null, valueMask = null, keyMask = null] = maskList(list, masks).slice(0, 3);
    const implicit =
      queryMask !== null || valueMask !== null || keyMask !== null || this.useCausalMask;
    if (implicit && (layout.rank !== 3 || layout.attention.length !== 1)) {
      throw new ShapeError(
        `input masks and useCausalMask need [batch, steps, features] inputs; got a query of rank ${layout.rank}: ` +
          `pass an attentionMask input instead`,
        this.name,
      );
    }
    const query = at(list, 0, 'query');
    const value = at(list, 1, 'value');
    const [tq, tv] = [at(query.shape, 1, 'query steps'), at(value.shape, 1, 'value steps')];
    return andMasks(
      list[3] ?? null,
      queryMask === null ? null : tf.expandDims(queryMask, -1),
      valueMask === null ? null : tf.expandDims(valueMask, 1),
      keyMask === null ? null : tf.expandDims(keyMask, 1),
      this.useCausalMask ? tf.expandDims(lowerTriangular(tq, tv), 0) : null,
    );
  }

  /** Keras 2: the output keeps the query's mask. */
  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    const [queryMask = null] = maskList(inputs, mask);
    return this.returnAttentionScores ? [queryMask, null] : queryMask;
  }

  /** Per sample: the four projections, the scores and the weighted sum of values. */
  override macs(inputShape: Shapes): number {
    const { qvk, layout } = this.shapes(inputShape);
    const [query, value, key] = qvk;
    // An open size: the cost is unknown, reported as 0 like the other layers.
    if (qvk.some((s) => s.slice(1).some((d) => d === null))) return 0;
    const size = (s: (number | null)[]): number => s.reduce<number>((a, b) => a * (b ?? 0), 1);
    const [posQ, posK, posV] = [query, key, value].map((s) => size(s.slice(1, -1)));
    const [dq, dk, dv] = [query, key, value].map((s) => s[s.length - 1] ?? 0);
    const [h, kd, vd] = [this.numHeads, this.keyDim, this.valueDim];
    const steps = size(sizesAt(key, layout.attention));
    const out = size(this.outputFeatures(dq ?? 0));
    return (
      (posQ ?? 0) * (dq ?? 0) * h * kd +
      (posK ?? 0) * (dk ?? 0) * h * kd +
      (posV ?? 0) * (dv ?? 0) * h * vd +
      (posQ ?? 0) * steps * h * (kd + vd) +
      (posQ ?? 0) * h * vd * out
    );
  }

  override getConfig(): Record<string, unknown> {
    const s = this.settings;
    const shapes = this.builtShapes;
    return {
      ...super.getConfig(),
      num_heads: this.numHeads,
      key_dim: this.keyDim,
      value_dim: this.valueDim,
      dropout: this.dropout,
      use_bias: s.useBias,
      output_shape: this.outputShape ?? null,
      attention_axes: this.attentionAxes,
      kernel_initializer: serializeInitializer(s.kernelInitializer),
      bias_initializer: serializeInitializer(s.biasInitializer),
      ...weightTrainingConfig(s.training, { activity: this.activityRegularizer }),
      query_shape: shapes?.[0] ?? null,
      key_shape: shapes?.[2] ?? null,
      value_shape: shapes?.[1] ?? null,
      ...(this.useCausalMask ? { use_causal_mask: true } : {}),
      ...(this.returnAttentionScores ? { return_attention_scores: true } : {}),
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }
}

/** A MultiHeadAttention layer: `multiHeadAttention({numHeads: 2, keyDim: 8})`. */
export function multiHeadAttention(options: MultiHeadAttentionOptions): MultiHeadAttention {
  return new MultiHeadAttention(options);
}

/** Registry entry for `MultiHeadAttention`; the built shapes Keras saves are not needed to rebuild. */
export const multiHeadAttentionPlugin: LayerPlugin<MultiHeadAttentionOptions> = {
  className: 'MultiHeadAttention',
  create: multiHeadAttention,
  fromConfig: (config) =>
    new MultiHeadAttention(
      optionsFromKeras<MultiHeadAttentionOptions>(config, 'MultiHeadAttention'),
    ),
};
