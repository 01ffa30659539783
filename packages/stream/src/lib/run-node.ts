import type * as tf from '@tensorflow/tfjs-core';
import { computesOwnMask, InternalError, type Masks, type Node } from '@framewise/core';

/** A value flowing along one edge of the graph while the stream runs, with its mask. */
export interface Flow {
  value: tf.Tensor;
  mask: tf.Tensor | null;
}

/** The flows of a call's inputs, as `call` takes them (one, or a list). */
export function nodeInputs(
  node: Node,
  flows: Map<number, Flow>,
): { x: tf.Tensor | tf.Tensor[]; mask: Masks | undefined } {
  const ins = node.inputTensors.map((t) => {
    const f = flows.get(t.id);
    if (f === undefined) throw new InternalError(`stream: no value for ${t.name}`);
    return f;
  });
  const one = ins.length === 1;
  const x = one ? (ins[0] as Flow).value : ins.map((f) => f.value);
  const anyMask = ins.some((f) => f.mask !== null);
  const mask = anyMask ? (one ? (ins[0] as Flow).mask : ins.map((f) => f.mask)) : undefined;
  return { x, mask };
}

/** Stores a call's outputs and their masks, as the model's own graph run does. */
export function setOutputs(
  node: Node,
  flows: Map<number, Flow>,
  outputs: tf.Tensor | tf.Tensor[],
  masks: (tf.Tensor | null)[],
): void {
  const ys = Array.isArray(outputs) ? outputs : [outputs];
  node.outputTensors.forEach((t, i) => {
    const value = ys[i];
    if (value === undefined)
      throw new InternalError(`stream: ${node.outboundLayer.name} gave no output ${i}`);
    flows.set(t.id, { value, mask: masks[i] ?? null });
  });
}

/** Runs one call in inference mode on whole tensors, masks included (as `Model.predict`). */
export function runNode(node: Node, flows: Map<number, Flow>): void {
  const layer = node.outboundLayer;
  const { x, mask } = nodeInputs(node, flows);
  const training = node.callArgs.training ?? false;
  const y = layer.call(x, mask === undefined ? { training } : { training, mask });
  setOutputs(node, flows, y, outputMasks(node, x, mask));
}

/** The output masks of a call, as the model's graph run computes them. */
export function outputMasks(
  node: Node,
  x: tf.Tensor | tf.Tensor[],
  mask: Masks | undefined,
): (tf.Tensor | null)[] {
  const layer = node.outboundLayer;
  if (mask === undefined && !computesOwnMask(layer)) return [];
  const m = layer.computeMask(x, mask ?? null);
  return Array.isArray(m) ? m : [m];
}
