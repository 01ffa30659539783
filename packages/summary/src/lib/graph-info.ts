import {
  at,
  Sequential,
  singletonOrArray,
  type Layer,
  type Model,
  type Node,
  type Shape,
} from '@framewise/core';
import type { SummaryConnection, SummaryShape } from './types.js';

/** The calls of a layer that belong to this model (a shared layer may also be called elsewhere). */
export function ownedNodes(model: Model, layer: Layer): Node[] {
  return layer.inboundNodes.filter((node) => model.ownsNode(node));
}

/** `layer[node][tensor]` links of one call, in input order. */
export function connectionsOf(node: Node): SummaryConnection[] {
  return node.inboundLayers.map((l, i) => ({
    layer: l.name,
    nodeIndex: at(node.nodeIndices, i, 'node index'),
    tensorIndex: at(node.tensorIndices, i, 'tensor index'),
  }));
}

/**
 * The shape(s) several calls share, as one shape or a list of shapes, or
 * `'multiple'` when they differ or there are no calls.
 */
export function agreedShape(calls: readonly Shape[][]): SummaryShape {
  const [call] = calls;
  if (call === undefined) return 'multiple';
  const key = JSON.stringify(call);
  if (calls.some((shapes) => JSON.stringify(shapes) !== key)) return 'multiple';
  return singletonOrArray(call.map((s) => s.slice()));
}

/**
 * Keras' `layer.output_shape`: the output shape(s) of the layer's calls when
 * they all agree (every call, in any model, as Keras looks at all inbound
 * nodes), else `'multiple'`; also `'multiple'` for a layer never called.
 */
export function outputShapeOf(layer: Layer): SummaryShape {
  return agreedShape(layer.inboundNodes.map((node) => node.outputTensors.map((t) => t.shape)));
}

/**
 * Keras 2.2.4 `print_summary`'s test for the short layout: a Sequential model,
 * or a graph with one node per depth, no node with several inbound layers, and
 * no layer called more than once within the model.
 */
export function isSequentialLike(model: Model): boolean {
  if (model instanceof Sequential) return true;
  for (const nodes of model.nodesByDepth.values()) {
    const [only, ...others] = nodes;
    if (others.length > 0 || (only !== undefined && only.inboundLayers.length > 1)) return false;
  }
  return model.layers.every((layer) => ownedNodes(model, layer).length <= 1);
}
