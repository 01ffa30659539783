import * as tf from '@tensorflow/tfjs-core';
import {
  formatShape,
  Layer,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { axisPairs, type AxisPair } from './axis-pairs.js';
import { channelsLastOnly, spatialInputHint, type DataFormat } from './spatial-options.js';

/** Whether the layer adds zeros around each spatial axis or removes values from its ends. */
export type PadCropMode = 'pad' | 'crop';

/** Options every ZeroPadding and Cropping layer takes besides its `padding`/`cropping`. */
export interface PadCropOptions extends LayerOptions {
  /** Only `channelsLast` (channels on the last axis). */
  dataFormat?: DataFormat;
}

/**
 * Base of ZeroPadding1D/2D/3D and Cropping1D/2D/3D: one `[before, after]`
 * pair per spatial axis of `[batch, ...spatial, channels]`. Cropping that
 * leaves nothing of an axis is a `ShapeError` (Keras 2 built an empty or
 * negative shape; Keras 3 refuses too); on an open axis it is found on the
 * first call that has the size.
 */
export abstract class PadCrop extends Layer {
  /** One `[before, after]` per spatial axis. */
  protected readonly pairs: AxisPair[];
  private readonly rank: 1 | 2 | 3;
  private readonly mode: PadCropMode;

  constructor(
    options: PadCropOptions & { padding?: unknown; cropping?: unknown },
    rank: 1 | 2 | 3,
    mode: PadCropMode,
    fallback: unknown,
  ) {
    const opts = options ?? {};
    super(opts);
    this.rank = rank;
    this.mode = mode;
    const option = mode === 'pad' ? 'padding' : 'cropping';
    this.pairs = axisPairs(opts[option] ?? fallback, rank, option, this.name);
    channelsLastOnly(opts.dataFormat, this.name);
    const factory = `${mode === 'pad' ? 'zeroPadding' : 'cropping'}${rank}d`;
    this.inputSpec = { ndim: rank + 2, describe: spatialInputHint(rank, factory) };
  }

  /** Axis 1 is padded or cropped too: on a sequence, steps are added or dropped. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: `it ${this.mode}s the time axis too` };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const sign = this.mode === 'pad' ? 1 : -1;
    const spatial = this.pairs.map(([before, after], i) => {
      const n = shape[1 + i] ?? null;
      if (n === null) return null;
      const size = n + sign * (before + after);
      if (size < 1) {
        throw new ShapeError(
          `cropping [${before}, ${after}] leaves nothing of axis ${1 + i} (size ${n}) ` +
            `of input ${formatShape(shape)}`,
          this.name,
        );
      }
      return size;
    });
    const [batch = null] = shape;
    return [batch, ...spatial, shape[1 + this.rank] ?? null];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    if (this.mode === 'pad') {
      return tf.pad(x, [[0, 0], ...this.pairs, [0, 0]]);
    }
    const size = this.pairs.map(([before, after], i) => (x.shape[1 + i] ?? 0) - before - after);
    return tf.slice(x, [0, ...this.pairs.map(([before]) => before), 0], [-1, ...size, -1]);
  }

  /** Keras writes rank 1 as one flat pair and leaves out data_format there. */
  override getConfig(): Record<string, unknown> {
    const option = this.mode === 'pad' ? 'padding' : 'cropping';
    const [first = [0, 0]] = this.pairs;
    if (this.rank === 1) return { ...super.getConfig(), [option]: first.slice() };
    return {
      ...super.getConfig(),
      [option]: this.pairs.map((p) => p.slice()),
      data_format: 'channels_last',
    };
  }
}
