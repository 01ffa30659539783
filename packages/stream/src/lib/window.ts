import * as tf from '@tensorflow/tfjs-core';
import { InternalError, type Node, type SymbolicTensor } from '@framewise/core';
import type { StreamPlan } from './plan.js';
import { runNode, type Flow } from './run-node.js';

/**
 * Windowed streaming: the per-frame front of the graph (calls reached from
 * the input through per-step layers only, such as TimeDistributed feature
 * extractors) runs once per pushed frame, and its outputs are kept for the
 * last `window` steps; the rest of the graph runs on that window after every
 * step.
 */
export class WindowRunner {
  private readonly front: Node[] = [];
  private readonly rest: Node[] = [];
  /** Tensors of the front that the rest reads (the input itself when the front is empty). */
  private readonly edges: SymbolicTensor[];
  /** Per step, oldest first: each edge's `[batch, 1, ...]` value and mask. */
  private buffer: Flow[][] = [];
  /** Steps appended during the push in progress. */
  private added: Flow[][] = [];

  constructor(
    private readonly plan: StreamPlan,
    private readonly window: number,
    /** When the model's time axis is fixed, the window starts full of steps of zero frames. */
    private readonly padWithZeros: boolean,
  ) {
    const inFront = new Set<number>([plan.input.id]);
    for (const { node, support } of plan.nodes) {
      if (support.kind === 'perStep' && node.inputTensors.every((t) => inFront.has(t.id))) {
        this.front.push(node);
        node.outputTensors.forEach((t) => inFront.add(t.id));
      } else {
        this.rest.push(node);
      }
    }
    const read = new Set<number>(plan.outputs.map((t) => t.id));
    this.rest.forEach((n) => n.inputTensors.forEach((t) => read.add(t.id)));
    const edges = new Map<number, SymbolicTensor>();
    const consider = (t: SymbolicTensor): void => {
      if (inFront.has(t.id) && read.has(t.id)) edges.set(t.id, t);
    };
    consider(plan.input);
    this.front.forEach((n) => n.outputTensors.forEach(consider));
    this.edges = [...edges.values()];
  }

  /** Number of per-frame calls cached (for the stream's explanation). */
  get frontSize(): number {
    return this.front.length;
  }

  /** Outputs on the window after each step of the chunk, stacked on axis 1. Runs inside `tf.tidy`. */
  run(chunk: tf.Tensor): tf.Tensor[] {
    const steps = chunk.shape[1] as number;
    // Steps leave the window for good only once the push succeeded: a failed push changes nothing.
    const before = this.buffer.slice();
    this.added = [];
    try {
      const outputs = this.advance(chunk, steps);
      const kept = new Set(this.buffer);
      [...before, ...this.added]
        .filter((step) => !kept.has(step))
        .forEach((step) => step.forEach(disposeFlow));
      return outputs;
    } catch (e) {
      this.added.forEach((step) => step.forEach(disposeFlow));
      this.buffer = before;
      throw e;
    } finally {
      this.added = [];
    }
  }

  private advance(chunk: tf.Tensor, steps: number): tf.Tensor[] {
    if (this.padWithZeros && this.buffer.length === 0) {
      const zero = tf.zerosLike(tf.slice(chunk, [0, 0], [-1, 1]));
      const step = this.frontOf(zero, 1)[0] as Flow[];
      for (let i = 0; i < this.window; i++) this.append(step.map(keepCopy));
    }
    const perStep = this.frontOf(chunk, steps);
    const outputs: tf.Tensor[][] = [];
    for (const step of perStep) {
      this.append(step.map(keepCopy));
      outputs.push(this.runRest());
    }
    return this.plan.outputs.map((_, i) =>
      tf.stack(
        outputs.map((o) => o[i] as tf.Tensor),
        1,
      ),
    );
  }

  /** The front on a chunk, split into steps: per step, each edge's value and mask. */
  private frontOf(chunk: tf.Tensor, steps: number): Flow[][] {
    const flows = new Map<number, Flow>([[this.plan.input.id, { value: chunk, mask: null }]]);
    this.front.forEach((n) => runNode(n, flows));
    const perEdge = this.edges.map((t) => {
      const f = flows.get(t.id);
      if (f === undefined) throw new InternalError(`stream: no value for ${t.name}`);
      const values = tf.split(f.value, steps, 1);
      const masks = f.mask ? tf.split(f.mask, steps, 1) : null;
      return values.map((value, s): Flow => ({ value, mask: masks?.[s] ?? null }));
    });
    return Array.from({ length: steps }, (_, s) => perEdge.map((flows) => flows[s] as Flow));
  }

  /** Adds a step and drops the oldest beyond the window (`run` frees them once the push succeeded). */
  private append(step: Flow[]): void {
    this.buffer.push(step);
    this.added.push(step);
    if (this.buffer.length > this.window) this.buffer = this.buffer.slice(-this.window);
  }

  /** The rest of the graph on the window as it stands. */
  private runRest(): tf.Tensor[] {
    const flows = new Map<number, Flow>();
    this.edges.forEach((t, i) => {
      const steps = this.buffer.map((s) => s[i] as Flow);
      const masks = steps.map((f) => f.mask);
      flows.set(t.id, {
        value:
          steps.length === 1
            ? (steps[0] as Flow).value
            : tf.concat(
                steps.map((f) => f.value),
                1,
              ),
        mask: masks.every((m): m is tf.Tensor => m !== null)
          ? masks.length === 1
            ? (masks[0] as tf.Tensor)
            : tf.concat(masks, 1)
          : null,
      });
    });
    this.rest.forEach((n) => runNode(n, flows));
    return this.plan.outputs.map((t) => {
      const f = flows.get(t.id);
      if (f === undefined) throw new InternalError(`stream: no value for output ${t.name}`);
      return f.value;
    });
  }

  /** Frees the window: the next push starts from the beginning. */
  reset(): void {
    this.buffer.forEach((step) => step.forEach(disposeFlow));
    this.buffer = [];
  }
}

function keepCopy(f: Flow): Flow {
  return { value: tf.keep(f.value.clone()), mask: f.mask ? tf.keep(f.mask.clone()) : null };
}

function disposeFlow(f: Flow): void {
  f.value.dispose();
  f.mask?.dispose();
}
