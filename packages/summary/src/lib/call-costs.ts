import { InputLayer, Model, TimeDistributed, type Layer, type Shape } from '@framewise/core';
import { sampleBytes, sumBytes } from './bytes.js';
import { leafMacs, scaleMacs, sumMacs } from './macs.js';
import { leadAxes, outputShapesFor, stepShapes, traceModel } from './trace.js';

/**
 * MACs per sample of one call, looking inside models and TimeDistributed so
 * that open sizes are seen for what they are (their own `macs()` report 0).
 */
export function callMacs(layer: Layer, inputs: Shape[]): number | null {
  if (layer instanceof Model) {
    const { calls } = traceModel(layer, inputs);
    return sumMacs([...calls.values()].map((c) => callMacs(c.node.outboundLayer, c.inputs)));
  }
  if (layer instanceof TimeDistributed) {
    return scaleMacs(leadAxes(layer, inputs)[1], callMacs(layer.layer, stepShapes(layer, inputs)));
  }
  return leafMacs(layer, inputs);
}

function tryOutputs(layer: Layer, inputs: Shape[]): Shape[] | undefined {
  try {
    return outputShapesFor(layer, inputs);
  } catch {
    return undefined;
  }
}

/**
 * Bytes of every tensor one call produces per sample: its outputs, and
 * inside a nested model or a wrapper the outputs of each layer it runs (each
 * step's, for a TimeDistributed, whose own output is those steps side by side).
 */
export function callActivations(
  layer: Layer,
  inputs: Shape[],
  outputs: Shape[],
  dtypes: readonly string[] = [],
): number | null {
  const own = sampleBytes(outputs, dtypes);
  if (layer instanceof Model) {
    const { calls } = traceModel(layer, inputs);
    return sumBytes(
      [...calls.values()]
        .filter((c) => !(c.node.outboundLayer instanceof InputLayer))
        .map((c) => callActivations(c.node.outboundLayer, c.inputs, c.outputs, c.dtypes)),
    );
  }
  if (layer instanceof TimeDistributed) {
    const step = stepShapes(layer, inputs);
    const stepOutputs = tryOutputs(layer.layer, step);
    if (!stepOutputs) return own;
    const perStep = callActivations(layer.layer, step, stepOutputs);
    return perStep === 0 ? 0 : scaleMacs(leadAxes(layer, inputs)[1], perStep);
  }
  const parts = layer.sublayers().map((sub) => {
    const subOutputs = tryOutputs(sub, inputs.slice(0, 1));
    return subOutputs ? callActivations(sub, inputs.slice(0, 1), subOutputs) : 0;
  });
  return sumBytes([own, ...parts]);
}
