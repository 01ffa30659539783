import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Layer,
  ShapeError,
  sizeOf,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from '../common/stream.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `rescaling()` (tfjs-layers' names). */
export interface RescalingOptions extends LayerOptions {
  /** Multiplies the input: `1 / 255` maps bytes to [0, 1]. A list scales each channel (last axis). */
  scale: number | number[];
  /** Added after scaling; default 0. A list offsets each channel. */
  offset?: number | number[];
}

function checkFactor(value: unknown, option: string, layerName: string): number | number[] {
  const ok =
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (!ok) {
    throw new ConfigError(
      `${option} must be a finite number or a non-empty list of them, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return Array.isArray(value) ? (value as number[]).slice() : (value as number);
}

/**
 * `x * scale + offset` (Keras `Rescaling`), typically `1 / 255` on image
 * bytes. Integer inputs are cast to float32 first, as Keras does. No weights:
 * `scale` and `offset` live in the config.
 */
export class Rescaling extends Layer {
  static override readonly className = 'Rescaling';
  readonly scale: number | number[];
  readonly offset: number | number[];

  constructor(options: RescalingOptions) {
    const opts = options ?? ({} as RescalingOptions);
    super(opts);
    this.scale = checkFactor(opts.scale, 'scale', this.name);
    this.offset = checkFactor(opts.offset ?? 0, 'offset', this.name);
    this.supportsMasking = true;
    this.inputSpec = { minNdim: 2, describe: '[batch, ..., channels]' };
  }

  /** Value by value: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    for (const [name, value] of [
      ['scale', this.scale],
      ['offset', this.offset],
    ] as const) {
      const channels = shape[shape.length - 1];
      if (
        Array.isArray(value) &&
        value.length > 1 &&
        channels !== null &&
        channels !== value.length
      ) {
        throw new ShapeError(
          `${name} has ${value.length} values, one per channel, but the input has ${channels} channels`,
          this.name,
        );
      }
    }
    return shape.slice();
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const float = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
    return tf.add(tf.mul(float, this.scale), this.offset);
  }

  /** One multiply-add per value, as the folded affine step of the normalisations counts. */
  override macs(inputShape: Shapes): number {
    return sizeOf((inputShape as Shape).slice(1)) ?? 0;
  }

  override getConfig(): Record<string, unknown> {
    const copy = (v: number | number[]): number | number[] => (Array.isArray(v) ? v.slice() : v);
    return { ...super.getConfig(), scale: copy(this.scale), offset: copy(this.offset) };
  }
}

/** A Rescaling layer: `rescaling({scale: 1 / 255})`. */
export function rescaling(options: RescalingOptions): Rescaling {
  return new Rescaling(options);
}

/** Registry entry for `Rescaling`. */
export const rescalingPlugin: LayerPlugin<RescalingOptions> = {
  className: 'Rescaling',
  create: rescaling,
  fromConfig: (config) => new Rescaling(optionsFromKeras<RescalingOptions>(config, 'Rescaling')),
};
