import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from './errors.js';
import { Layer, type Shapes, type Tensors } from './layer.js';
import { Node } from './node.js';
import type { LayerPlugin } from './registry.js';
import { checkShape, type Shape } from './shape.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/** Options of `input()`. Give `shape` (without the batch axis) or `batchShape`. */
export interface InputOptions {
  /** Shape without the batch axis, e.g. `[12, 8]`; `null` for sizes left open. */
  shape?: Shape;
  /** Shape with the batch axis, e.g. `[null, 12, 8]`. */
  batchShape?: Shape;
  /** Fixes the batch size when `shape` is given. */
  batchSize?: number;
  name?: string;
  dtype?: 'float32' | 'int32' | 'bool';
}

/** The layer behind `input()`: the entry point of a model graph. */
export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';
  readonly dtype: 'float32' | 'int32' | 'bool';
  /** The placeholder this layer produces. */
  readonly output: SymbolicTensor;

  constructor(options: InputOptions) {
    const shape = resolveBatchShape(options);
    super({ name: options.name, batchInputShape: shape });
    this.dtype = options.dtype ?? 'float32';
    this.built = true;
    this.output = new SymbolicTensor(shape, this.dtype, this, 0, 0);
    this.inboundNodes.push(new Node(this, [], [this.output]));
  }

  computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }

  call(inputs: Tensors): tf.Tensor | tf.Tensor[] {
    return inputs;
  }

  override getConfig(): Record<string, unknown> {
    return {
      batch_input_shape: this.output.shape.slice(),
      dtype: this.dtype,
      sparse: false,
      name: this.name,
    };
  }
}

function resolveBatchShape(options: InputOptions): Shape {
  if (options === null || typeof options !== 'object') {
    throw new ConfigError(
      `input() expects an options object like {shape: [12, 8]}, received ${String(options)}`,
    );
  }
  if (options.batchShape !== undefined && options.shape !== undefined) {
    throw new ConfigError('input() takes shape or batchShape, not both', options.name);
  }
  if (options.batchShape !== undefined)
    return checkShape(options.batchShape, 'batchShape', options.name);
  if (options.shape !== undefined) {
    return [options.batchSize ?? null, ...checkShape(options.shape, 'shape', options.name)];
  }
  throw new ConfigError(
    'input() needs a shape (without the batch axis), e.g. input({shape: [12, 8]})',
    options.name,
  );
}

/**
 * A model input: a `SymbolicTensor` of shape `[batch, ...shape]` with the batch
 * left open. `input({shape: [12, 8]})` has shape `[null, 12, 8]`.
 */
export function input(options: InputOptions): SymbolicTensor {
  return new InputLayer(options).output;
}

/** Registry entry: Keras' `InputLayer` (`batch_input_shape`, or Keras 3's `batch_shape`). */
export const inputLayerPlugin: LayerPlugin<InputOptions> = {
  className: 'InputLayer',
  create: (options) => new InputLayer(options),
  fromConfig: (config) =>
    new InputLayer({
      batchShape: (config['batch_input_shape'] ?? config['batch_shape']) as Shape,
      ...(typeof config['name'] === 'string' ? { name: config['name'] } : {}),
      ...(typeof config['dtype'] === 'string'
        ? { dtype: config['dtype'] as InputOptions['dtype'] }
        : {}),
    }),
};
