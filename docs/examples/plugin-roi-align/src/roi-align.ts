import * as tf from '@tensorflow/tfjs-core';
import {
  fromKerasConfig,
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Masks,
  type Shape,
  type Shapes,
  type SymbolicTensor,
  type Tensors,
} from '@framewise/core';
import { checkRoiAlignInputs } from './roi-align-inputs.js';
import {
  parseExtrapolationValue,
  parseMethod,
  parsePoolSize,
  type RoiAlignMethod,
} from './roi-align-options.js';

export type { RoiAlignMethod } from './roi-align-options.js';

/** Options of `roiAlign()`. */
export interface RoiAlignOptions extends LayerOptions {
  /** Height and width of every crop: `7` or `[7, 7]`. Default 7 (Mask R-CNN's classifier head; its mask head uses 14). */
  poolSize?: number | [number, number];
  /** Default `bilinear` (Mask R-CNN's). */
  method?: RoiAlignMethod;
  /** Value of the samples that fall outside the feature map. Default 0. */
  extrapolationValue?: number;
}

/**
 * Crops boxes out of a feature map and resizes each crop to `poolSize`, as Mask
 * R-CNN's `PyramidROIAlign` does for one pyramid level (`tf.image.cropAndResize`).
 *
 * Inputs `[boxes, featureMap]`: boxes `[batch, numRois, 4]`, normalized
 * `(y1, x1, y2, x2)` (0 and 1 are the centres of the first and last pixel),
 * and the feature map `[batch, height, width, channels]`; sample `i`'s boxes
 * crop sample `i`'s map. Output `[batch, numRois, poolHeight, poolWidth,
 * channels]`: the ROI axis is where `timeDistributed` heads run.
 *
 * No weights. A mask on the boxes (`[batch, numRois]`, for padded ROIs) is
 * passed on as the output's mask; a mask on the feature map is dropped.
 */
export class RoiAlign extends Layer {
  static override readonly className = 'RoiAlign';
  readonly poolSize: [number, number];
  readonly method: RoiAlignMethod;
  readonly extrapolationValue: number;

  constructor(options: RoiAlignOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.poolSize = parsePoolSize(opts.poolSize ?? 7, this.name);
    this.method = parseMethod(opts.method ?? 'bilinear', this.name);
    this.extrapolationValue = parseExtrapolationValue(opts.extrapolationValue ?? 0, this.name);
    this.supportsMasking = true;
  }

  /** `apply([boxes, featureMap])`: one output, symbolic or concrete like the inputs. */
  override apply(inputs: SymbolicTensor[], options?: CallOptions): SymbolicTensor;
  override apply(inputs: tf.Tensor[], options?: CallOptions): tf.Tensor;
  override apply(inputs: SymbolicTensor, options?: CallOptions): SymbolicTensor;
  override apply(inputs: tf.Tensor, options?: CallOptions): tf.Tensor;
  override apply(inputs: Tensors, options?: CallOptions): Tensors;
  override apply(
    inputs: SymbolicTensor | SymbolicTensor[] | Tensors,
    options?: CallOptions,
  ): SymbolicTensor | SymbolicTensor[] | Tensors {
    return super.apply(inputs as Tensors, options);
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const { batch, numRois, channels } = checkRoiAlignInputs(inputShape, this.name);
    return [batch, numRois, ...this.poolSize, channels];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const [boxes, featureMap] = inputs as [tf.Tensor3D, tf.Tensor4D];
    // `apply` checks shapes with the batch left open; only here are both batch sizes known.
    checkRoiAlignInputs([boxes.shape, featureMap.shape], this.name);
    const [batch, numRois] = boxes.shape;
    const boxIndices = tf.reshape(
      tf.tile(tf.expandDims(tf.range(0, batch, 1, 'int32'), 1), [1, numRois]),
      [-1],
    );
    const crops = tf.image.cropAndResize(
      featureMap,
      tf.reshape(boxes, [-1, 4]),
      boxIndices as tf.Tensor1D,
      this.poolSize,
      this.method,
      this.extrapolationValue,
    );
    return tf.reshape(crops, [batch, numRois, ...this.poolSize, featureMap.shape[3]]);
  }

  /** The boxes' mask: the output keeps their ROI axis. */
  override computeMask(_inputs: Tensors, mask: Masks | undefined): Masks {
    return (Array.isArray(mask) ? mask[0] : mask) ?? null;
  }

  /**
   * Bilinear: 3 multiply-adds per output value (two horizontal interpolations,
   * one vertical), `numRois × poolHeight × poolWidth × channels × 3` per sample.
   * Nearest copies values: 0. 0 while `numRois` or the channels are unknown.
   */
  override macs(inputShape: Shapes): number {
    const { numRois, channels } = checkRoiAlignInputs(inputShape, this.name);
    if (this.method === 'nearest' || numRois === null || channels === null) return 0;
    return numRois * this.poolSize[0] * this.poolSize[1] * channels * 3;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      pool_size: this.poolSize.slice(),
      method: this.method,
      extrapolation_value: this.extrapolationValue,
    };
  }
}

/** A RoiAlign layer: `roiAlign({poolSize: 7}).apply([boxes, featureMap])`. */
export function roiAlign(options: RoiAlignOptions = {}): RoiAlign {
  return new RoiAlign(options);
}

/** Registry entry for `RoiAlign`: makes it from options, or from its Keras JSON config. */
export const roiAlignPlugin: LayerPlugin<RoiAlignOptions> = {
  className: 'RoiAlign',
  create: roiAlign,
  fromConfig: (config) => new RoiAlign(fromKerasConfig(config, ['dtype']) as RoiAlignOptions),
};
