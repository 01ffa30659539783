import {
  at,
  ConfigError,
  formatShape,
  FramewiseError,
  InputLayer,
  isShapeList,
  Model,
  shapesCompatible,
  singletonOrArray,
  TimeDistributed,
  type Layer,
  type Node,
  type Shape,
  type SymbolicTensor,
} from '@framewise/core';

/** One call of a layer with the shapes it saw. */
export interface TracedCall {
  node: Node;
  inputs: Shape[];
  outputs: Shape[];
  /** Output dtypes, for activation bytes. */
  dtypes: string[];
}

/** A model's calls at given input shapes, and the shape of any of its tensors. */
export interface Trace {
  calls: Map<Node, TracedCall>;
  shapeOf(t: SymbolicTensor): Shape;
}

/** The shapes one step of a TimeDistributed sees: the time axis dropped from distributed inputs. */
export function stepShapes(wrapper: TimeDistributed, shapes: Shape[]): Shape[] {
  return shapes.map((s, i) =>
    wrapper.broadcastInputs.includes(i) ? s : [s[0] ?? null, ...s.slice(2)],
  );
}

/** `[batch, time]` of a TimeDistributed call: from its first distributed input. */
export function leadAxes(
  wrapper: TimeDistributed,
  shapes: Shape[],
): [number | null, number | null] {
  const first = shapes.find((_, i) => !wrapper.broadcastInputs.includes(i)) ?? shapes[0] ?? [];
  return [first[0] ?? null, first[1] ?? null];
}

/**
 * Output shapes of a layer for input shapes, looking inside models and
 * wrappers (a model's own `computeOutputShape` only checks and returns the
 * shapes it was built with, which keeps open sizes open).
 */
export function outputShapesFor(layer: Layer, inputs: Shape[]): Shape[] {
  if (layer instanceof Model) {
    const trace = traceModel(layer, inputs);
    return layer.outputs.map((t) => trace.shapeOf(t));
  }
  if (layer instanceof TimeDistributed) {
    const [batch, time] = leadAxes(layer, inputs);
    const inner = outputShapesFor(layer.layer, stepShapes(layer, inputs));
    return inner.map((s) => [batch, time, ...s.slice(1)]);
  }
  const out = layer.computeOutputShape(singletonOrArray(inputs));
  return isShapeList(out) ? out : [out];
}

/** The model's nodes, every input before its use (greatest depth first). */
function executionOrder(model: Model): Node[] {
  return [...model.nodesByDepth.entries()].sort(([a], [b]) => b - a).flatMap(([, nodes]) => nodes);
}

/**
 * The model's calls with their shapes. Without `inputShapes` these are the
 * shapes the graph was built with; with them, every call's shapes are worked
 * out again from those (to fix sizes the model leaves open, such as a time axis).
 */
export function traceModel(model: Model, inputShapes?: Shape[]): Trace {
  const known = new Map<SymbolicTensor, Shape>();
  if (inputShapes)
    checkInputShapes(model, inputShapes).forEach((s, i) =>
      known.set(at(model.inputs, i, 'model input'), s),
    );
  const shapeOf = (t: SymbolicTensor): Shape => (known.get(t) ?? t.shape).slice();
  const calls = new Map<Node, TracedCall>();
  for (const node of executionOrder(model)) {
    const inputs = node.inputTensors.map(shapeOf);
    let outputs: Shape[];
    if (!inputShapes || node.outboundLayer instanceof InputLayer) {
      outputs = node.outputTensors.map(shapeOf);
    } else {
      try {
        outputs = outputShapesFor(node.outboundLayer, inputs);
      } catch (e) {
        if (!(e instanceof FramewiseError)) throw e;
        throw new ConfigError(
          `the input shapes given to summarize() do not fit layer ${node.outboundLayer.name}: ${e.message}`,
          model.name,
        );
      }
      node.outputTensors.forEach((t, i) => known.set(t, outputs[i] ?? t.shape));
    }
    const dtypes = node.outputTensors.map((t) => t.dtype);
    calls.set(node, { node, inputs, outputs, dtypes });
  }
  return { calls, shapeOf };
}

function checkInputShapes(model: Model, given: unknown): Shape[] {
  const expected = model.inputs.map((t) => t.shape);
  const wanted = expected.map(formatShape).join(', ');
  if (!Array.isArray(given) || given.length !== expected.length || !given.every(Array.isArray)) {
    throw new ConfigError(
      `inputShapes must give one shape per model input (${expected.length}: ${wanted}), ` +
        `received ${JSON.stringify(given)}`,
      model.name,
    );
  }
  return (given as Shape[]).map((s, i) => {
    const valid = s.every((d) => d === null || (Number.isInteger(d) && d >= 0));
    const want = at(expected, i, 'model input shape');
    if (!valid || !shapesCompatible(s, want)) {
      throw new ConfigError(
        `inputShapes[${i}] ${valid ? formatShape(s) : JSON.stringify(s)} does not fit input ` +
          `${at(model.inputs, i, 'model input').sourceLayer.name} ${formatShape(want)}: same rank, ` +
          `the same sizes where the model fixes them, any size where it has None`,
        model.name,
      );
    }
    return s.slice();
  });
}
