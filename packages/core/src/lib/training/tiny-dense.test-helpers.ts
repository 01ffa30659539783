import * as tf from '@tensorflow/tfjs-core';
import { Layer, type CallOptions, type Shapes, type Tensors } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import type { Shape } from '../shape.js';

/**
 * A Dense layer for core's training tests (core cannot depend on
 * @framewise/layers): `activation(x · kernel + bias)` over the last axis of any
 * rank, the same arithmetic as tfjs-layers' Dense, so the two can be compared
 * with the same weights.
 */
export class TinyDense extends Layer {
  static override readonly className = 'TinyDense';
  kernel: LayerVariable | undefined;
  bias: LayerVariable | undefined;

  constructor(
    readonly units: number,
    readonly activation: 'linear' | 'softmax' | 'sigmoid' | 'tanh' = 'linear',
    options: { name?: string; trainable?: boolean } = {},
  ) {
    super(options);
    this.supportsMasking = true;
  }
  override build(inputShape: Shapes): void {
    const n = (inputShape as Shape).at(-1)!;
    this.kernel = this.addWeight('kernel', [n, this.units], 'glorotUniform');
    this.bias = this.addWeight('bias', [this.units], 'randomNormal');
  }
  computeOutputShape(inputShape: Shapes): Shapes {
    return [...(inputShape as Shape).slice(0, -1), this.units];
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, units: this.units };
  }
  call(inputs: Tensors, options: CallOptions): Tensors {
    void options;
    const x = inputs as tf.Tensor;
    const flat = tf.reshape(x, [-1, x.shape.at(-1)!]);
    const z = tf.add(tf.matMul(flat, this.kernel!.value), this.bias!.value);
    const y = tf.reshape(z, [...x.shape.slice(0, -1), this.units]);
    if (this.activation === 'softmax') return tf.softmax(y);
    if (this.activation === 'sigmoid') return tf.sigmoid(y);
    if (this.activation === 'tanh') return tf.tanh(y);
    return y;
  }
}

/** Seeded values (a sine of the index), so tests need no RNG and are the same every run. */
export function values(shape: number[], phase = 0, scale = 1): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, (_, i) => scale * Math.sin(1.7 * i + phase)),
    shape,
  );
}
