import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  formatShape,
  Layer,
  ShapeError,
  sizeOf,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';

/** Options of `reshape()` (tfjs-layers' names). */
export interface ReshapeOptions extends LayerOptions {
  /** Shape of each sample after the reshape, batch excluded; one size may be -1 (inferred). */
  targetShape: number[];
}

/**
 * Gives each sample a new shape with the same number of values (Keras
 * `Reshape`); the batch axis is kept. Wrapped in TimeDistributed it reshapes
 * each step.
 */
export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  /** As given, -1 for the inferred size (Keras writes it so; tfjs-layers writes null). */
  readonly targetShape: number[];

  constructor(options: ReshapeOptions) {
    super(options ?? {});
    this.targetShape = checkTargetShape(options?.targetShape, this.name);
  }

  /** The per-sample shape for `sample` (known sizes), with the -1 resolved; throws when the sizes disagree. */
  private resolve(sample: number[], inputShape: Shape): number[] {
    const total = sample.reduce((a, b) => a * b, 1);
    const known = this.targetShape.reduce((a, b) => (b === -1 ? a : a * b), 1);
    const unknown = this.targetShape.indexOf(-1);
    const fits = unknown < 0 ? known === total : known > 0 && total % known === 0;
    if (!fits) {
      throw new ShapeError(
        `cannot reshape ${formatShape(inputShape)} (${total} values per sample) to target shape ` +
          `${formatShape(this.targetShape)}` +
          (unknown < 0 ? ` (${known} values)` : ` (a multiple of ${known} values expected)`),
        this.name,
      );
    }
    return this.targetShape.map((d) => (d === -1 ? total / known : d));
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const s = inputShape as Shape;
    const [batch = null, ...sample] = s;
    if (sizeOf(sample) === null)
      return [batch, ...this.targetShape.map((d) => (d === -1 ? null : d))];
    return [batch, ...this.resolve(sample as number[], s)];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const [batch = -1, ...sample] = x.shape;
    return tf.reshape(x, [batch, ...this.resolve(sample, x.shape)]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), target_shape: this.targetShape.slice() };
  }
}

function checkTargetShape(value: unknown, layerName: string): number[] {
  if (!Array.isArray(value)) {
    throw new ConfigError(
      `targetShape must be an array of sizes (one may be -1), received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  // tfjs-layers' model.json writes the inferred size as null.
  const shape = value.map((d: unknown) => (d === null ? -1 : d));
  shape.forEach((d, i) => {
    if (!(typeof d === 'number' && Number.isInteger(d) && (d >= 1 || d === -1))) {
      throw new ConfigError(
        `targetShape[${i}] must be an integer ≥ 1 or -1, received ${JSON.stringify(value[i])} in ${JSON.stringify(value)}`,
        layerName,
      );
    }
  });
  if (shape.filter((d) => d === -1).length > 1) {
    throw new ConfigError(
      `targetShape may have one -1 (inferred size), received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return shape as number[];
}

/** A Reshape layer: `reshape({targetShape: [4, -1]})`. */
export function reshape(options: ReshapeOptions): Reshape {
  return new Reshape(options);
}

/** Registry entry for `Reshape`. */
export const reshapePlugin: LayerPlugin<ReshapeOptions> = {
  className: 'Reshape',
  create: reshape,
  fromConfig: (config) => new Reshape(optionsFromKeras<ReshapeOptions>(config, 'Reshape')),
};
