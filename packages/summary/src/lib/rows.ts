import { TimeDistributed, type Layer, type Shape } from '@framewise/core';
import { macsFor } from './macs.js';
import type { SummaryConnection, SummaryRow, SummaryShape } from './types.js';
import { countWeights } from './weights.js';

/** What a row needs from the graph; the rest comes from the layer itself. */
export interface RowContext {
  outputShape: SummaryShape;
  macs: number;
  connectedTo: SummaryConnection[];
  /** Input shapes of one call of the layer (to describe what a wrapper runs); none if never called here. */
  inputShapes: Shape[] | undefined;
  /** Whether wrappers get child rows. */
  expand: boolean;
}

/** A summary row for a layer. */
export function buildRow(layer: Layer, ctx: RowContext): SummaryRow {
  const wrapper = layer instanceof TimeDistributed ? layer : undefined;
  return {
    name: layer.name,
    className: layer.className,
    ...(wrapper ? { innerClassName: wrapper.layer.className } : {}),
    outputShape: ctx.outputShape,
    params: layer.countParams(),
    trainableParams: countWeights(layer.trainableWeights).params,
    nonTrainableParams: countWeights(layer.nonTrainableWeights).params,
    macs: ctx.macs,
    paramBytes: countWeights(layer.weights).bytes,
    connectedTo: ctx.connectedTo,
    ...(wrapper && ctx.expand ? { children: [stepRow(wrapper, ctx)] } : {}),
  };
}

/** The wrapped layer as one time step sees it: the wrapper's shapes without the time axis. */
function stepRow(wrapper: TimeDistributed, ctx: RowContext): SummaryRow {
  const shapes = ctx.inputShapes?.map((s, i) =>
    wrapper.broadcastInputs.includes(i) ? s : dropTimeAxis(s),
  );
  return buildRow(wrapper.layer, {
    outputShape: stepShape(ctx.outputShape),
    macs: shapes ? macsFor(wrapper.layer, shapes) : 0,
    connectedTo: [],
    inputShapes: shapes,
    expand: ctx.expand,
  });
}

function dropTimeAxis(shape: Shape): Shape {
  return [shape[0]!, ...shape.slice(2)];
}

function stepShape(shape: SummaryShape): SummaryShape {
  if (shape === 'multiple') return shape;
  if (shape.length > 0 && Array.isArray(shape[0])) return (shape as Shape[]).map(dropTimeAxis);
  return dropTimeAxis(shape as Shape);
}
