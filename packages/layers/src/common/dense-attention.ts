import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  formatShape,
  isShapeList,
  Layer,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type Masks,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import {
  andMasks,
  asBool,
  dropoutRate,
  dropWeights,
  dropoutSeeds,
  type DropoutSeeds,
  flag,
  lowerTriangular,
  maskedSoftmax,
} from './attention-scores.js';
import { commonBatch, maskList } from './merge.js';

/** Options of `attention()` and `additiveAttention()` besides their scores. */
export interface DenseAttentionOptions extends LayerOptions {
  /** Fraction of the attention weights dropped while training. Default 0. */
  dropout?: number;
  /**
   * Step `i` of the query attends only to value steps `j <= i` (Keras 2.x's
   * `causal` config key). Saved as `causal`.
   */
  causal?: boolean;
  /**
   * Keras 2.10+'s call argument, here a layer option because a graph call
   * carries no such argument: the same as `causal`, and saved as `causal`.
   */
  useCausalMask?: boolean;
  /**
   * Keras' call argument, here a layer option: the layer gives two outputs,
   * the result and the attention weights `[batch, Tq, Tv]`. Saved as
   * `return_attention_scores` when true (Keras 2 does not read that key).
   */
  returnAttentionScores?: boolean;
  /**
   * Makes the dropout repeatable: the same sequence of masks in every run and
   * on every engine (Keras 3's `seed`; Keras 2 has none). Saved as `seed` when given.
   */
  seed?: number;
}

/**
 * Base of the dot-product-style attention layers (Keras 2's
 * `BaseDenseAttention`): inputs `[query, value]` or `[query, value, key]`
 * (key defaults to value), each `[batch, steps, features]`; masks
 * `[query_mask, value_mask]` from the inputs. The result is
 * `softmax(scores(query, key)) · value`, with masked value steps given no
 * weight and masked query steps zeroed, as Keras 2 does.
 */
export abstract class DenseAttention extends Layer {
  readonly dropout: number;
  readonly causal: boolean;
  readonly returnAttentionScores: boolean;
  readonly seed: number | undefined;
  private readonly dropoutSeeds: DropoutSeeds;

  constructor(options: DenseAttentionOptions) {
    const opts = options ?? {};
    super(opts);
    this.dropout = dropoutRate(opts.dropout, this.name);
    this.dropoutSeeds = dropoutSeeds(opts.seed, this.name);
    this.seed = this.dropoutSeeds.seed;
    this.causal =
      flag(opts.causal, 'causal', this.name) ||
      flag(opts.useCausalMask, 'useCausalMask', this.name);
    this.returnAttentionScores = flag(
      opts.returnAttentionScores,
      'returnAttentionScores',
      this.name,
    );
    this.supportsMasking = true;
  }

  /** Scores `[batch, Tq, Tv]` of every query step against every key step. */
  protected abstract scores(query: tf.Tensor, key: tf.Tensor): tf.Tensor;

  /** Every output step depends on every value step (unless causal over one sequence). */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: `${this.className} looks at every step of its value input` };
  }

  /** `[query, value, key]` shapes, checked: rank 3, one batch, key and value of one length. */
  protected attentionShapes(inputShape: Shapes): [Shape, Shape, Shape] {
    const shapes = isShapeList(inputShape) ? inputShape : null;
    if (shapes === null || shapes.length < 2 || shapes.length > 3) {
      const got =
        shapes === null
          ? `one input ${formatShape(inputShape as Shape)}`
          : `${shapes.length} inputs ${shapes.map(formatShape).join(', ')}`;
      throw new ShapeError(
        `expected a list of 2 or 3 inputs [query, value] or [query, value, key], received ${got}`,
        this.name,
      );
    }
    const names = ['query', 'value', 'key'];
    shapes.forEach((s, i) => {
      if (s.length !== 3) {
        throw new ShapeError(
          `${names[i] ?? 'input'} must be [batch, steps, features] (rank 3), received ${formatShape(s)}`,
          this.name,
        );
      }
    });
    commonBatch(shapes, this.name);
    const query = at(shapes, 0, 'query shape');
    const value = at(shapes, 1, 'value shape');
    const key = shapes[2] ?? value;
    const [tv, tk] = [value[1] ?? null, key[1] ?? null];
    if (tv !== null && tk !== null && tv !== tk) {
      throw new ShapeError(
        `key and value must have the same number of steps, received value ${formatShape(value)} and key ${formatShape(key)}`,
        this.name,
      );
    }
    const [dq, dk] = [query[2] ?? null, key[2] ?? null];
    if (dq !== null && dk !== null && dq !== dk) {
      throw new ShapeError(
        `query and key must have the same features, received query ${formatShape(query)} and ` +
          `${shapes.length === 3 ? 'key' : 'value (the key)'} ${formatShape(key)}`,
        this.name,
      );
    }
    return [query, value, key];
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const [query, value] = this.attentionShapes(inputShape);
    const batch = commonBatch([query, value], this.name);
    const result: Shape = [batch, query[1] ?? null, value[2] ?? null];
    return this.returnAttentionScores
      ? [result, [batch, query[1] ?? null, value[1] ?? null]]
      : result;
  }

  override call(inputs: Tensors, options: CallOptions): Tensors {
    const list = inputs as tf.Tensor[];
    // Eager calls check shapes with the batch left open: compare the batches here.
    commonBatch(
      list.map((t) => t.shape),
      this.name,
    );
    const query = at(list, 0, 'query');
    const value = at(list, 1, 'value');
    const key = list[2] ?? value;
    const [queryMask = null, valueMask = null] = maskList(inputs, options.mask);
    const scores = this.scores(query, key);
    const [tq, tv] = [at(scores.shape, 1, 'query steps'), at(scores.shape, 2, 'value steps')];
    const mask = andMasks(
      valueMask === null ? null : tf.expandDims(valueMask, 1),
      this.causal ? lowerTriangular(tq, tv) : null,
    );
    const weights = maskedSoftmax(scores, mask);
    let result = tf.matMul(
      dropWeights(weights, this.dropout, options.training, this.dropoutSeeds),
      value,
    );
    if (queryMask !== null)
      result = tf.mul(result, tf.cast(tf.expandDims(asBool(queryMask), -1), 'float32'));
    return this.returnAttentionScores ? [result, weights] : result;
  }

  /** Keras: the output keeps the query's mask (the scores output has none). */
  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    const [queryMask = null] = maskList(inputs, mask);
    return this.returnAttentionScores ? [queryMask, null] : queryMask;
  }

  /** Per sample: the scores (one multiply-add per query feature and value step) and the weighted sum. */
  override macs(inputShape: Shapes): number {
    const [query, value] = this.attentionShapes(inputShape);
    const [tq, dim, tv, dv] = [query[1] ?? 0, query[2] ?? 0, value[1] ?? 0, value[2] ?? 0];
    return tq * tv * dim + tq * tv * dv;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      dropout: this.dropout,
      causal: this.causal,
      ...(this.returnAttentionScores ? { return_attention_scores: true } : {}),
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }
}
