import * as tf from '@tensorflow/tfjs-core';
import { InternalError, type Node, type Shapes, type SymbolicTensor } from '@framewise/core';
import type { StreamPlan } from './plan.js';
import { nodeInputs, outputMasks, runNode, setOutputs, type Flow } from './run-node.js';

/**
 * Exact streaming: every call runs on the pushed steps only. Per-step layers
 * run on the chunk, layers that carry a state (RNNs, causal Conv1D) continue
 * from where the previous push left them, and calls after an RNN that reduced
 * time run on the per-step outputs merged into the batch.
 */
export class ExactRunner {
  private readonly states = new Map<Node, tf.Tensor[]>();

  constructor(private readonly plan: StreamPlan) {}

  /** Outputs for the chunk `[batch, n, ...frame]`, each `[batch, n, ...]`. Runs inside `tf.tidy`. */
  run(chunk: tf.Tensor): tf.Tensor[] {
    const [batch, steps] = chunk.shape as [number, number];
    const flows = new Map<number, Flow>([[this.plan.input.id, { value: chunk, mask: null }]]);
    // New states replace the old ones only once every call succeeded: a failed push changes nothing.
    const next = new Map<Node, tf.Tensor[]>();
    try {
      this.runNodes(flows, next, batch, steps);
    } catch (e) {
      next.forEach((list) => list.forEach((t) => t.dispose()));
      throw e;
    }
    next.forEach((state, node) => this.replaceState(node, state));
    return this.plan.outputs.map((t) => {
      const f = flows.get(t.id);
      if (f === undefined) throw new InternalError(`stream: no value for output ${t.name}`);
      return f.value;
    });
  }

  private runNodes(
    flows: Map<number, Flow>,
    next: Map<Node, tf.Tensor[]>,
    batch: number,
    steps: number,
  ): void {
    for (const { node, support } of this.plan.nodes) {
      if (support.kind === 'perStep') {
        runNode(node, flows);
      } else if (support.kind === 'carried') {
        const { x, mask } = nodeInputs(node, flows);
        const layer = node.outboundLayer;
        const state =
          this.states.get(node) ?? layer.initialStreamState(batch, shapesOf(node.inputTensors));
        const result = layer.callStream(
          x,
          state,
          mask === undefined ? { training: false } : { training: false, mask },
        );
        next.set(
          node,
          result.state.map((t) => tf.keep(t)),
        );
        setOutputs(
          node,
          flows,
          result.outputs,
          support.reducesTime ? [] : outputMasks(node, x, mask),
        );
      } else {
        this.runMerged(node, flows, batch, steps);
      }
    }
  }

  /** A call after time was reduced: its inputs are `[batch, n, ...]` of independent samples. */
  private runMerged(node: Node, flows: Map<number, Flow>, batch: number, steps: number): void {
    const merged = new Map<number, Flow>();
    for (const t of node.inputTensors) {
      const f = flows.get(t.id);
      if (f === undefined) throw new InternalError(`stream: no value for ${t.name}`);
      merged.set(t.id, {
        value: tf.reshape(f.value, [batch * steps, ...f.value.shape.slice(2)]),
        mask: null,
      });
    }
    runNode(node, merged);
    for (const t of node.outputTensors) {
      const f = merged.get(t.id);
      if (f === undefined) throw new InternalError(`stream: no value for ${t.name}`);
      flows.set(t.id, {
        value: tf.reshape(f.value, [batch, steps, ...f.value.shape.slice(1)]),
        mask: null,
      });
    }
  }

  private replaceState(node: Node, next: tf.Tensor[]): void {
    const previous = this.states.get(node);
    this.states.set(
      node,
      next.map((s) => tf.keep(s)),
    );
    previous?.forEach((s) => {
      if (!next.includes(s)) s.dispose();
    });
  }

  /** Frees every carried state: the next push starts from the beginning. */
  reset(): void {
    this.states.forEach((list) => list.forEach((s) => s.dispose()));
    this.states.clear();
  }
}

function shapesOf(tensors: SymbolicTensor[]): Shapes {
  return tensors.length === 1 ? (tensors[0] as SymbolicTensor).shape : tensors.map((t) => t.shape);
}
