import * as tf from '@tensorflow/tfjs-core';
import { Layer, type CallOptions, type Shapes, type Tensors } from './layer.js';
import type { LayerVariable } from './layer-variable.js';
import type { Shape } from './shape.js';

/**
 * Small real layers for core's own tests (core cannot depend on @framewise/layers).
 */

/** `x * scale + offset` per feature; supports masks; records the last options it was called with. */
export class Affine extends Layer {
  static override readonly className = 'Affine';
  scale: LayerVariable | undefined;
  offset: LayerVariable | undefined;
  lastOptions: CallOptions | undefined;
  lastInputShape: number[] | undefined;
  /** Shape and values of the last mask received (masks live only during the call). */
  lastMask: { shape: number[]; values: number[] } | null = null;
  calls = 0;

  constructor(options: { name?: string; inputShape?: Shape } = {}) {
    super(options);
    this.supportsMasking = true;
    this.inputSpec = { minNdim: 2 };
  }
  override build(inputShape: Shapes): void {
    const n = (inputShape as Shape).at(-1)!;
    this.scale = this.addWeight('scale', [n], 'randomNormal');
    this.offset = this.addWeight('offset', [n], 'randomNormal');
    this.inputSpec = { minNdim: 2, axes: { [-1]: n } };
  }
  computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }
  /** One multiply per value (the scale). */
  override macs(inputShape: Shapes): number {
    return (inputShape as Shape).slice(1).reduce<number>((n, d) => n * (d ?? 0), 1);
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name };
  }
  call(inputs: Tensors, options: CallOptions): Tensors {
    this.calls++;
    this.lastOptions = options;
    this.lastInputShape = (inputs as tf.Tensor).shape;
    const mask = options.mask as tf.Tensor | null | undefined;
    this.lastMask = mask ? { shape: mask.shape, values: Array.from(mask.dataSync()) } : null;
    return tf.add(tf.mul(inputs as tf.Tensor, this.scale!.value), this.offset!.value);
  }
}

/** `x + meta`: two inputs of the same feature size; the second is per-sample metadata. */
export class AddMeta extends Layer {
  static override readonly className = 'AddMeta';
  computeOutputShape(inputShape: Shapes): Shapes {
    return (inputShape as Shape[])[0]!;
  }
  call(inputs: Tensors): Tensors {
    const [x, meta] = inputs as tf.Tensor[];
    return tf.add(x!, meta!);
  }
}

/** Normalises each feature over the batch (a batch-coupled layer, like BatchNormalization in training). */
export class BatchCenter extends Layer {
  static override readonly className = 'BatchCenter';
  computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }
  override isBatchCoupled(): boolean {
    return true;
  }
  call(inputs: Tensors): Tensors {
    const x = inputs as tf.Tensor;
    return tf.sub(x, tf.mean(x, 0, true));
  }
}

/** Makes a mask from its input: true where the first feature is non-zero (like Masking). */
export class NonZeroMask extends Layer {
  static override readonly className = 'NonZeroMask';
  computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }
  call(inputs: Tensors): Tensors {
    return inputs;
  }
  override computeMask(inputs: Tensors): tf.Tensor {
    const x = inputs as tf.Tensor;
    return tf.notEqual(
      tf.squeeze(
        tf.slice(
          x,
          [...x.shape.slice(0, -1).map(() => 0), 0],
          [...x.shape.slice(0, -1).map(() => -1), 1],
        ),
        [x.rank - 1],
      ),
      0,
    );
  }
}

/** Identity that reads the step layout while training, like BatchNormalization; records what it was given. */
export class StepReader extends Layer {
  static override readonly className = 'StepReader';
  seen: { rows: number; steps: CallOptions['steps'] }[] = [];
  computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }
  override readsStepLayout(training: boolean): boolean {
    return training;
  }
  call(inputs: Tensors, options: CallOptions): Tensors {
    this.seen.push({ rows: (inputs as tf.Tensor).shape[0]!, steps: options.steps });
    return tf.clone(inputs as tf.Tensor);
  }
}
