import {
  at,
  entry,
  InputLayer,
  Model,
  TimeDistributed,
  type Layer,
  type Shape,
  type SymbolicTensor,
} from '@framewise/core';
import { sampleBytes, sumBytes } from './bytes.js';
import { agreedShape, connectionsOf, outputShapeOf, ownedNodes } from './graph-info.js';
import { callActivations, callMacs } from './call-costs.js';
import { sumMacs } from './macs.js';
import type { WeightLedger } from './sharing.js';
import { outputShapesFor, stepShapes, traceModel, type Trace } from './trace.js';
import type { SummaryConnection, SummaryRow } from './types.js';
import { countWeights } from './weights.js';

/** What every row of one summary shares. */
export interface RowBuilder {
  ledger: WeightLedger;
  /** Rows deeper than this get no children. */
  maxDepth: number;
}

/** Where a row sits in the tree. */
interface Place {
  parentPath: string | undefined;
  depth: number;
  ancestors: readonly string[];
}

/** A layer's calls as one row sees them. */
interface RowCalls {
  inputs: Shape[][];
  outputs: Shape[][];
  dtypes: string[][];
  connectedTo: SummaryConnection[];
  /** Set when the output shapes could not be worked out (a wrapper's part the wrapper feeds differently). */
  outputsUnknown?: boolean;
  /** Keras' output shape where it differs from the calls' (a layer shared across models). */
  outputShape?: SummaryRow['outputShape'];
}

/**
 * Rows for a model's layers in Keras order, from a trace of its calls.
 * `kerasShapes` keeps Keras' `output_shape` (every call of the layer, in any
 * model) for the classic table; off when the shapes were worked out again.
 */
export function graphRows(
  model: Model,
  trace: Trace,
  builder: RowBuilder,
  place: Place,
  kerasShapes: boolean,
): SummaryRow[] {
  return model.layers.map((layer) => {
    const calls = ownedNodes(model, layer).map((node) => entry(trace.calls, node, 'traced call'));
    const rowCalls: RowCalls = {
      inputs: calls.map((c) => (layer instanceof InputLayer ? c.outputs : c.inputs)),
      outputs: calls.map((c) => c.outputs),
      dtypes: calls.map((c) => c.dtypes),
      connectedTo: calls.flatMap((c) => connectionsOf(c.node)),
      ...(kerasShapes ? { outputShape: outputShapeOf(layer) } : {}),
    };
    return layerRow(layer, rowCalls, builder, place);
  });
}

function layerRow(layer: Layer, calls: RowCalls, builder: RowBuilder, place: Place): SummaryRow {
  const path = place.parentPath === undefined ? layer.name : `${place.parentPath}/${layer.name}`;
  const shared = builder.ledger.claim(layer.weights, path, place.ancestors);
  const all = countWeights(layer.weights);
  const firstInputs = calls.inputs[0];
  const children =
    place.depth < builder.maxDepth && firstInputs
      ? childRows(layer, firstInputs, builder, {
          parentPath: path,
          depth: place.depth + 1,
          ancestors: [...place.ancestors, path],
        })
      : undefined;
  const inner = innerClassName(layer);
  const outputBytes = calls.outputsUnknown
    ? null
    : sumBytes(calls.outputs.map((s, i) => sampleBytes(s, calls.dtypes[i])));
  const activationBytes =
    calls.outputsUnknown || layer instanceof InputLayer
      ? outputBytes
      : sumBytes(
          calls.outputs.map((out, i) =>
            callActivations(layer, at(calls.inputs, i, 'call inputs'), out, calls.dtypes[i]),
          ),
        );
  return {
    path,
    name: layer.name,
    className: layer.className,
    ...(inner === undefined ? {} : { innerClassName: inner }),
    depth: place.depth,
    trainable: layer.trainable,
    inputShape: agreedShape(calls.inputs),
    outputShape: calls.outputShape ?? agreedShape(calls.outputs),
    params: all.params,
    trainableParams: countWeights(layer.trainableWeights).params,
    nonTrainableParams: countWeights(layer.nonTrainableWeights).params,
    sharedParams: shared.sharedParams,
    ...(shared.sharesWith.length > 0 ? { sharesWith: shared.sharesWith } : {}),
    macs: layer instanceof InputLayer ? 0 : sumMacs(calls.inputs.map((s) => callMacs(layer, s))),
    paramBytes: all.bytes,
    paramBytesByDtype: all.bytesByDtype,
    outputBytes,
    activationBytes,
    calls: calls.inputs.length,
    connectedTo: calls.connectedTo,
    ...(children && children.length > 0 ? { children } : {}),
  };
}

/** The class a wrapper runs (`Conv2D` for TimeDistributed(Conv2D)); undefined for models and plain layers. */
function innerClassName(layer: Layer): string | undefined {
  if (layer instanceof Model) return undefined;
  const classes = [...new Set(layer.sublayers().map((l) => l.className))];
  return classes.length > 0 ? classes.join(', ') : undefined;
}

/**
 * A wrapper's or nested model's parts, for one call at `inputs`: a
 * TimeDistributed's layer at one step, a nested model's own layers, other
 * wrappers' layers (Bidirectional's two directions) on the sequence input.
 */
function childRows(layer: Layer, inputs: Shape[], builder: RowBuilder, place: Place): SummaryRow[] {
  if (layer instanceof Model) {
    return graphRows(layer, traceModel(layer, inputs), builder, place, false);
  }
  const shapes = layer instanceof TimeDistributed ? stepShapes(layer, inputs) : inputs.slice(0, 1);
  return layer.sublayers().map((sub) => {
    let outputs: Shape[] | undefined;
    try {
      outputs = outputShapesFor(sub, shapes);
    } catch {
      outputs = undefined;
    }
    return layerRow(
      sub,
      {
        inputs: [shapes],
        outputs: outputs ? [outputs] : [],
        dtypes: [],
        connectedTo: [],
        ...(outputs ? {} : { outputsUnknown: true }),
      },
      builder,
      place,
    );
  });
}

/** Bytes of the model inputs per sample, at the traced shapes. */
export function inputBytes(inputs: readonly SymbolicTensor[], trace: Trace): number | null {
  return sampleBytes(
    inputs.map((t) => trace.shapeOf(t)),
    inputs.map((t) => t.dtype),
  );
}
