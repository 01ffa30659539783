import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  formatShape,
  getInitializer,
  Layer,
  required,
  serializeInitializer,
  ShapeError,
  type CallOptions,
  type ConstraintOption,
  type Initializer,
  type LayerOptions,
  type LayerPlugin,
  type LayerVariable,
  type RegularizerOption,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
  type WeightExtras,
} from '@framewise/core';
import { optionsFromKeras, type InitializerOption } from '../common/options.js';
import { PER_STEP } from '../common/stream.js';
import { weightTraining, weightTrainingConfig } from '../common/training-fields.js';

/** Options of `prelu()` (tfjs-layers' names). */
export interface PReLUOptions extends LayerOptions {
  /** Initial slopes. Default `zeros` (a ReLU to start with). */
  alphaInitializer?: InitializerOption;
  /** Penalty on the slopes added to the training loss. */
  alphaRegularizer?: RegularizerOption;
  /** Projection of the slopes after each optimizer step. */
  alphaConstraint?: ConstraintOption;
  /**
   * Axes (1-based, the batch is 0) along which one slope is shared: `[1, 2]` on
   * images gives one slope per channel.
   */
  sharedAxes?: number | number[];
}

/**
 * A leaky ReLU with a learned slope per value (Keras `PReLU`):
 * `x` for x ≥ 0, `alpha · x` below; `alpha` has the input's shape without the
 * batch, with size 1 along `sharedAxes`.
 */
export class PReLU extends Layer {
  static override readonly className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly sharedAxes: number[] | undefined;
  readonly training: Record<'alpha', WeightExtras>;
  private alpha: LayerVariable | undefined;

  constructor(options: PReLUOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.alphaInitializer = getInitializer(opts.alphaInitializer ?? 'zeros', this.name);
    const shared = opts.sharedAxes;
    const list = shared === undefined ? undefined : Array.isArray(shared) ? shared : [shared];
    if (list?.some((a) => !Number.isInteger(a) || a < 1)) {
      throw new ConfigError(
        `sharedAxes must be axes ≥ 1 (the batch is axis 0), received ${JSON.stringify(shared)}`,
        this.name,
      );
    }
    this.sharedAxes = list?.slice();
    this.training = weightTraining(opts, ['alpha'], this.name);
    this.supportsMasking = true;
  }

  /** The slopes' shape for an input shape: its axes after the batch, 1 along the shared ones. */
  private alphaShape(inputShape: Shape): number[] {
    const shared = new Set(this.sharedAxes ?? []);
    const bad = [...shared].filter((a) => a >= inputShape.length);
    if (bad.length > 0) {
      throw new ShapeError(
        `sharedAxes ${JSON.stringify(this.sharedAxes)} name axes the input ${formatShape(inputShape)} ` +
          `does not have (expected axes from 1 to ${inputShape.length - 1})`,
        this.name,
      );
    }
    return inputShape.slice(1).map((d, i) => {
      if (shared.has(i + 1)) return 1;
      if (d === null) {
        throw new ShapeError(
          `axis ${i + 1} of the input ${formatShape(inputShape)} must be known to size the slopes, ` +
            `or be listed in sharedAxes`,
          this.name,
        );
      }
      return d;
    });
  }

  override build(inputShape: Shapes): void {
    const s = inputShape as Shape;
    const shape = this.alphaShape(s);
    this.alpha = this.addWeight('alpha', shape, this.alphaInitializer, true, this.training.alpha);
    const axes: Record<number, number> = {};
    shape.forEach((d, i) => {
      if (!(this.sharedAxes ?? []).includes(i + 1)) axes[i + 1] = d;
    });
    this.inputSpec = { ndim: s.length, axes, describe: formatShape(s) };
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    this.alphaShape(inputShape as Shape);
    return inputShape;
  }

  /** Per step, unless the slopes differ from step to step (the time axis is not shared). */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    if ((this.sharedAxes ?? []).includes(1)) return PER_STEP;
    return { kind: 'none', reason: 'its slopes differ from step to step (axis 1 is not shared)' };
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return tf.prelu(inputs as tf.Tensor, required(this.alpha, 'alpha').value);
  }

  /** One product with a slope per value. */
  override macs(inputShape: Shapes): number {
    return (inputShape as Shape).slice(1).reduce<number>((n, d) => n * (d ?? 0), 1);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      alpha_initializer: serializeInitializer(this.alphaInitializer),
      ...weightTrainingConfig(this.training),
      shared_axes: this.sharedAxes?.slice() ?? null,
    };
  }
}

/** A PReLU layer: `prelu({sharedAxes: [1, 2]})`. */
export function prelu(options: PReLUOptions = {}): PReLU {
  return new PReLU(options);
}

/** Registry entry for `PReLU`. */
export const preluPlugin: LayerPlugin<PReLUOptions> = {
  className: 'PReLU',
  create: prelu,
  fromConfig: (config) => new PReLU(optionsFromKeras<PReLUOptions>(config, 'PReLU')),
};
