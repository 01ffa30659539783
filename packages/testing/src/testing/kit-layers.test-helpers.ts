import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';

// Small real layers for the layer kit's own tests: one well-behaved plugin, and copies of it
// that each break one promise, so that each check can be shown to catch its own fault.

/** Options of `ScaleShift`. */
export interface ScaleShiftOptions extends LayerOptions {
  /** Added to every value after the per-feature scale. Default 0. */
  offset?: number;
}

/** `x * scale + offset`: one trainable weight per feature, a number option, features pinned by the build. */
export class ScaleShift extends Layer {
  static override readonly className: string = 'ScaleShift';
  readonly offset: number;
  private scale: tf.Variable | undefined;

  constructor(options: ScaleShiftOptions = {}) {
    super(options);
    this.offset = options.offset ?? 0;
    if (!Number.isFinite(this.offset)) {
      throw new ConfigError(
        `offset must be a number, received ${String(options.offset)}`,
        this.name,
      );
    }
    this.supportsMasking = true;
    this.inputSpec = { minNdim: 2, describe: '[batch, ..., features]' };
  }

  override build(inputShape: Shapes): void {
    const features = (inputShape as Shape).at(-1)!;
    this.scale = this.addWeight('scale', [features], 'randomNormal').value;
    this.inputSpec = { minNdim: 2, axes: { [-1]: features } };
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    return (inputShape as Shape).slice();
  }

  override call(inputs: Tensors, _options: CallOptions): Tensors {
    return tf.add(tf.mul(inputs as tf.Tensor, this.scale!), this.offset);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), offset: this.offset };
  }
}

/** A plugin for a ScaleShift class: `fromConfig` reads `offset` (and the name) back. */
export function scaleShiftPlugin(
  Ctor: new (options: ScaleShiftOptions) => ScaleShift,
): LayerPlugin<ScaleShiftOptions> {
  return {
    className: (Ctor as unknown as { className: string }).className,
    create: (options) => new Ctor(options),
    fromConfig: (config) =>
      new Ctor({
        name: config['name'] as string,
        ...(config['offset'] === undefined ? {} : { offset: config['offset'] as number }),
      }),
  };
}

/** Says it adds a feature; it does not. */
export class LyingShape extends ScaleShift {
  static override readonly className = 'LyingShape';
  override computeOutputShape(inputShape: Shapes): Shapes {
    const s = inputShape as Shape;
    const last = s.at(-1);
    return [...s.slice(0, -1), last === null || last === undefined ? null : last + 1];
  }
}

/** Keeps the square of every input it sees, so each call leaves a tensor behind. */
export class LeakingLayer extends ScaleShift {
  static override readonly className = 'LeakingLayer';
  readonly seen: tf.Tensor[] = [];
  override call(inputs: Tensors, options: CallOptions): Tensors {
    this.seen.push(tf.keep(tf.square(inputs as tf.Tensor)));
    return super.call(inputs, options);
  }
}

/** Forgets `offset` in its config, so a layer loaded from JSON adds 0. */
export class LossyConfig extends ScaleShift {
  static override readonly className = 'LossyConfig';
  override getConfig(): Record<string, unknown> {
    const { offset: _offset, ...rest } = super.getConfig();
    return rest;
  }
}

/** Counts one parameter too many. */
export class Miscounting extends ScaleShift {
  static override readonly className = 'Miscounting';
  override countParams(): number {
    return super.countParams() + 1;
  }
}

/** Checks nothing up front; its own check throws a plain Error that names no layer. */
export class UntypedErrors extends ScaleShift {
  static override readonly className = 'UntypedErrors';
  constructor(options: ScaleShiftOptions = {}) {
    super(options);
    this.inputSpec = undefined;
  }
  override build(inputShape: Shapes): void {
    super.build(inputShape);
    this.inputSpec = undefined;
  }
  override call(inputs: Tensors, options: CallOptions): Tensors {
    if ((inputs as tf.Tensor).rank !== 2) throw new Error('wrong rank');
    return super.call(inputs, options);
  }
}

/** Subtracts the batch mean (samples depend on each other) but says it is not batch-coupled. */
export class HiddenBatchCoupling extends ScaleShift {
  static override readonly className = 'HiddenBatchCoupling';
  override call(inputs: Tensors, options: CallOptions): Tensors {
    const y = super.call(inputs, options) as tf.Tensor;
    return tf.sub(y, tf.mean(y, 0, true));
  }
}

/** Hands the caller's tensor back itself: whoever frees the output frees the input. */
export class ReturnsInput extends ScaleShift {
  static override readonly className = 'ReturnsInput';
  override call(inputs: Tensors, _options: CallOptions): Tensors {
    return inputs;
  }
}
