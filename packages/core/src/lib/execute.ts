import type * as tf from '@tensorflow/tfjs-core';
import { at, entry, singletonOrArray } from './checked.js';
import type { Graph } from './graph.js';
import { computesOwnMask, type Masks, type StepLayout } from './layer.js';
import type { SymbolicTensor } from './symbolic-tensor.js';
import { collectingActivityLosses, recordActivityLoss } from './weight-training/penalties.js';

/** What flows along one edge of the graph while it runs: a value and its mask. */
interface Flow {
  value: tf.Tensor;
  mask: tf.Tensor | null;
}

function asList<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

/**
 * Runs a graph on concrete tensors, node by node in execution order, carrying
 * masks along. Allocates freely: callers run it inside `tf.tidy`.
 */
export function executeGraph(
  graph: Graph,
  inputs: SymbolicTensor[],
  outputs: SymbolicTensor[],
  values: tf.Tensor[],
  options: { training?: boolean; masks?: (tf.Tensor | null)[]; steps?: StepLayout },
): { outputs: tf.Tensor[]; masks: (tf.Tensor | null)[] } {
  const flows = new Map<number, Flow>();
  inputs.forEach((t, i) =>
    flows.set(t.id, { value: at(values, i, 'input value'), mask: options.masks?.[i] ?? null }),
  );

  for (const node of graph.executionOrder) {
    const ins = node.inputTensors.map((t) => entry(flows, t.id, 'value of a node input'));
    const x = singletonOrArray(ins.map((f) => f.value));
    const maskIn: Masks = singletonOrArray(ins.map((f) => f.mask));
    const anyMask = ins.some((f) => f.mask !== null);
    const training = node.callArgs.training ?? options.training ?? false;
    const layer = node.outboundLayer;
    const steps = options.steps ? { steps: options.steps } : {};
    const y = asList(
      layer.call(x, anyMask ? { training, mask: maskIn, ...steps } : { training, ...steps }),
    );
    if (collectingActivityLosses()) recordActivityLoss(layer.activityLoss(y));
    const m =
      anyMask || computesOwnMask(layer)
        ? asList(layer.computeMask(x, anyMask ? maskIn : null))
        : [];
    node.outputTensors.forEach((t, i) =>
      flows.set(t.id, { value: at(y, i, 'layer output'), mask: m[i] ?? null }),
    );
  }
  return {
    outputs: outputs.map((t) => entry(flows, t.id, 'value of a graph output').value),
    masks: outputs.map((t) => entry(flows, t.id, 'value of a graph output').mask),
  };
}
