import {
  InputLayer,
  isShapeList,
  StreamError,
  type Model,
  type Node,
  type Shapes,
  type StreamSupport,
  type SymbolicTensor,
} from '@framewise/core';

/** How one call of the graph takes part in a stream. */
export interface NodePlan {
  node: Node;
  /**
   * `merged`: no input has a time axis (after an RNN that reduced time); the
   * stream runs it on the steps merged into the batch. Otherwise the layer's
   * own answer about its time axis.
   */
  support: StreamSupport | { kind: 'merged' };
}

/** What `streamModel` works out from the graph before the first push. */
export interface StreamPlan {
  input: SymbolicTensor;
  outputs: SymbolicTensor[];
  /** Calls in an order that computes every input first (input layers left out). */
  nodes: NodePlan[];
  /** Ids of the symbolic tensors that keep a time axis (axis 1). */
  timed: Set<number>;
  /** The first call that sees later steps, with why; undefined when every call is causal. */
  firstNonCausal: { node: Node; reason: string } | undefined;
}

/** Orders the graph's calls and asks each layer how it streams; refuses what cannot be streamed. */
export function planStream(model: Model): StreamPlan {
  if (model.inputs.length !== 1) {
    throw new StreamError(
      `streaming takes a model with one input (the frames); this one has ${model.inputs.length} ` +
        `(${model.inputs.map((t) => t.sourceLayer.name).join(', ')})`,
      model.name,
    );
  }
  const input = model.inputs[0] as SymbolicTensor;
  if (input.shape.length < 2) {
    throw new StreamError(
      `streaming needs an input of shape [batch, time, ...frame]; the input has shape ` +
        `[${input.shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`,
      model.name,
    );
  }
  const depths = [...model.nodesByDepth.keys()].sort((a, b) => b - a);
  const order = depths
    .flatMap((d) => model.nodesByDepth.get(d) ?? [])
    .filter((n) => !(n.outboundLayer instanceof InputLayer));
  const timed = new Set<number>([input.id]);
  let firstNonCausal: StreamPlan['firstNonCausal'];
  const nodes = order.map((node): NodePlan => {
    const ins = node.inputTensors;
    const layer = node.outboundLayer;
    const timedIns = ins.filter((t) => timed.has(t.id)).length;
    let support: NodePlan['support'];
    if (timedIns === 0) {
      support = { kind: 'merged' };
    } else if (timedIns < ins.length) {
      support = { kind: 'none', reason: 'mixes inputs with and without a time axis' };
    } else {
      const shapes: Shapes =
        ins.length === 1 ? (ins[0] as SymbolicTensor).shape : ins.map((t) => t.shape);
      support = layer.streamSupport(isShapeList(shapes) ? shapes : shapes);
    }
    if (support.kind === 'refused') {
      throw new StreamError(
        `${layer.className} '${layer.name}' cannot be streamed: ${support.reason}`,
        model.name,
      );
    }
    if (support.kind === 'none' && firstNonCausal === undefined) {
      firstNonCausal = { node, reason: support.reason };
    }
    const keepsTime =
      support.kind === 'perStep' || (support.kind === 'carried' && !support.reducesTime);
    if (keepsTime) node.outputTensors.forEach((t) => timed.add(t.id));
    return { node, support };
  });
  return { input, outputs: model.outputs, nodes, timed, firstNonCausal };
}
