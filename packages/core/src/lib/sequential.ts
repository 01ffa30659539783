import type * as tf from '@tensorflow/tfjs-core';
import { at } from './checked.js';
import { ConfigError } from './errors.js';
import { input, InputLayer } from './input-layer.js';
import { assertLayer, isShapeList, type Layer, type Shapes } from './layer.js';
import { Model, type PredictOptions } from './model.js';
import type { Shape } from './shape.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/** Options of `sequential()`. */
export interface SequentialOptions {
  layers?: Layer[];
  name?: string;
}

/**
 * A stack of single-input, single-output layers. The first layer's
 * `inputShape` starts the graph; without one, the model builds on its first call.
 */
export class Sequential extends Model {
  static override readonly className: string = 'Sequential';
  private readonly stack: Layer[] = [];

  constructor(options: SequentialOptions = {}) {
    super({ name: options.name });
    for (const layer of options.layers ?? []) this.add(layer);
  }

  /** Layers in order, without the input layer Keras adds behind the scenes. */
  override get layers(): Layer[] {
    return this.stack.filter((l) => !(l instanceof InputLayer));
  }

  /** Appends a layer; on a shape error the model is left as it was. */
  add(layer: Layer): void {
    assertLayer(layer, 'Sequential.add()');
    if (this.stack.includes(layer)) {
      throw new ConfigError(`layer ${layer.name} is already in this model`, this.name);
    }
    if (this.built) {
      const y = layer.apply(at(this.outputs, 0, 'model output')) as
        SymbolicTensor | SymbolicTensor[];
      if (Array.isArray(y)) {
        throw new ConfigError(
          `Sequential layers must have one output; ${layer.name} has ${y.length}`,
          this.name,
        );
      }
      this.initGraph(at(this.inputs, 0, 'model input'), y);
    } else if (this.stack.length === 0 && layer instanceof InputLayer) {
      this.initGraph(layer.output, layer.output);
    } else if (this.stack.length === 0 && layer.batchInputShape) {
      const x = input({ batchShape: layer.batchInputShape, name: `${layer.name}_input` });
      this.initGraph(x, layer.apply(x) as SymbolicTensor);
    }
    this.stack.push(layer);
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    if (this.built) return super.computeOutputShape(inputShape);
    return this.stack.reduce<Shapes>((shape, layer) => layer.inferOutputShape(shape), inputShape);
  }

  override build(inputShape: Shapes): void {
    if (isShapeList(inputShape)) {
      throw new ConfigError(
        `a Sequential model has one input, received ${inputShape.length}`,
        this.name,
      );
    }
    const x = input({ batchShape: inputShape, name: `${this.stack[0]?.name ?? this.name}_input` });
    const y = this.stack.reduce<SymbolicTensor>((t, layer) => layer.apply(t) as SymbolicTensor, x);
    this.initGraph(x, y);
  }

  override predict(x: tf.Tensor | tf.Tensor[], options?: PredictOptions): tf.Tensor | tf.Tensor[] {
    // Before building: a disposed model is unbuilt, and building would make new weights.
    this.throwIfDisposed('predict');
    if (!this.built && !Array.isArray(x) && x && Array.isArray(x.shape)) {
      const shape: Shape = [null, ...x.shape.slice(1)];
      this.inferOutputShape(shape);
      this.ensureBuilt(shape);
    }
    if (!this.built) throw new ConfigError('this Sequential model has no layers yet', this.name);
    return super.predict(x, options);
  }
}

/** A Sequential model, optionally with its layers. */
export function sequential(options?: SequentialOptions): Sequential {
  return new Sequential(options);
}
