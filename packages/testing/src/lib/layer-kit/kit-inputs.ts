import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  input,
  type CallOptions,
  type Layer,
  type Shape,
  type SymbolicTensor,
  type Tensors,
} from '@framewise/core';
import { SeededRandom } from '../seeded-random.js';
import type { CallShape, KitShape, LayerKitSpec } from './spec.js';

/** A spec with its plugin's options type forgotten: what the checks work on. */
export type AnyLayerKitSpec = LayerKitSpec<unknown>;

/** Batch size used where a shape leaves the batch open. */
const DEFAULT_BATCH = 2;

/** A fresh layer from the spec's factory, or from `plugin.create(options)`. */
export function makeLayer(spec: AnyLayerKitSpec): Layer {
  if (spec.create) return spec.create();
  if (spec.options === undefined) {
    throw new Error(
      `the layer kit needs options for ${spec.plugin.className}.create, or a create() factory`,
    );
  }
  return spec.plugin.create(spec.options);
}

/** True when a call shape lists several inputs. */
export function isMultiInput(call: CallShape): call is KitShape[] {
  return Array.isArray(call[0]);
}

/** The shapes of a call, one per input. */
export function inputList(call: CallShape): KitShape[] {
  return isMultiInput(call) ? call : [call as KitShape];
}

/** As the layer takes them: one item alone, several as a list. */
export function asCall<T>(items: T[], multi: boolean): T | T[] {
  return multi ? items : at(items, 0, 'the one input');
}

/** A layer's outputs as a list, whatever it returned. */
export function outputList<T>(y: T | T[]): T[] {
  return Array.isArray(y) ? y : [y];
}

/** The shape the symbolic checks use: batch and every `null` left open. */
export function openShape(shape: KitShape): Shape {
  return [null, ...shape.slice(1)];
}

/** A concrete shape: the batch filled with 2 when open, other open sizes with `fill`. */
export function concreteShape(shape: KitShape, fill = 3): number[] {
  return shape.map((d, i) => d ?? (i === 0 ? DEFAULT_BATCH : fill));
}

/** The spec's first call (`planLayerChecks` refuses a spec without one). */
export function firstCall(spec: AnyLayerKitSpec): CallShape {
  return at(spec.inputShapes, 0, 'first call of inputShapes');
}

/** The first call's shapes, concrete, one per input. */
export function firstShapes(spec: AnyLayerKitSpec, fill = 3): number[][] {
  return inputList(firstCall(spec)).map((s) => concreteShape(s, fill));
}

/** True when the spec's first call gives the layer several inputs. */
export function firstIsMulti(spec: AnyLayerKitSpec): boolean {
  return isMultiInput(firstCall(spec));
}

/** Input tensors for concrete shapes, from the spec's `inputValues` or seeded N(0, 1). */
export function makeInputs(spec: AnyLayerKitSpec, shapes: number[][]): tf.Tensor[] {
  return shapes.map((shape, i) => {
    if (spec.inputValues) return spec.inputValues(shape, i);
    const random = new SeededRandom((spec.seed ?? 1) * 7919 + i);
    return tf.tensor(random.normal(shape.reduce((a, b) => a * b, 1)), shape, 'float32');
  });
}

/** Builds a layer the way users do: one concrete call on the first shapes (outputs freed). */
export function buildOnFirstCall(layer: Layer, spec: AnyLayerKitSpec): void {
  const shapes = firstShapes(spec);
  const inputs = makeInputs(spec, shapes);
  const mask = makeMask(spec, at(shapes, 0, 'first input shape'));
  const outputs = applyConcrete(layer, spec, inputs, { mask });
  tf.dispose([...outputs.filter((o) => !inputs.includes(o)), ...inputs, ...(mask ? [mask] : [])]);
}

/** Placeholders from `input()` for symbolic shapes. */
export function symbolicInputs(shapes: Shape[]): SymbolicTensor[] {
  return shapes.map((batchShape) => input({ batchShape }));
}

/** Applies a layer to placeholders of these shapes (one input alone unless `multi`); the outputs, as a list. */
export function applySymbolic(layer: Layer, shapes: Shape[], multi: boolean): SymbolicTensor[] {
  const xs = symbolicInputs(shapes);
  return outputList(layer.apply(multi ? xs : at(xs, 0, 'the one input')));
}

/**
 * Applies a layer to concrete inputs (as a list when `multi`, by default when there are
 * several or the spec's layer takes a list); the outputs, as a list.
 */
export function applyConcrete(
  layer: Layer,
  spec: AnyLayerKitSpec,
  inputs: tf.Tensor[],
  options: { training?: boolean; mask?: tf.Tensor | null; multi?: boolean } = {},
): tf.Tensor[] {
  const call: CallOptions = { training: options.training ?? false };
  if (options.mask) call.mask = options.mask;
  const multi = options.multi ?? (inputs.length > 1 || firstIsMulti(spec));
  const x: Tensors = asCall(inputs, multi);
  return outputList(layer.apply(x, call));
}

/** The spec's mask for the first input's concrete shape, or null without one. */
export function makeMask(spec: AnyLayerKitSpec, shape: number[]): tf.Tensor | null {
  return spec.mask ? spec.mask(shape) : null;
}

/**
 * An input generator for layers that take integer indices (Embedding): seeded int32 values
 * in `[0, count)`.
 *
 * ```ts
 * checkLayerPlugin({
 *   plugin: embeddingPlugin,
 *   options: { inputDim: 10, outputDim: 4 },
 *   inputShapes: [[2, 5]],
 *   inputValues: integerInputs(10),
 * });
 * ```
 */
export function integerInputs(
  count: number,
  seed = 1,
): (shape: number[], input: number) => tf.Tensor {
  return (shape, inputIndex) => {
    const random = new SeededRandom(seed * 7919 + inputIndex);
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Int32Array.from({ length: size }, () => Math.floor(random.next() * count));
    return tf.tensor(values, shape, 'int32');
  };
}

/**
 * A mask generator for sequence layers: `[batch, time]` (the first two axes of the input),
 * seeded, with the first step of every sample kept so that no sample is wholly masked.
 *
 * ```ts
 * checkLayerPlugin({ plugin: lstmPlugin, options: { units: 2 }, inputShapes: [[2, 3, 3]], mask: sequenceMask() });
 * ```
 */
export function sequenceMask(seed = 1): (shape: number[]) => tf.Tensor {
  return (shape) => {
    const [batch = 1, time = 1] = shape;
    const random = new SeededRandom(seed);
    const values = Uint8Array.from({ length: batch * time }, (_, i) =>
      i % time === 0 || random.next() < 0.6 ? 1 : 0,
    );
    return tf.tensor(values, [batch, time], 'bool');
  };
}
