import { Sequential, type Layer, type Model, type Node, type Shape } from '@framewise/core';
import type { SummaryConnection, SummaryShape } from './types.js';

/** The calls of a layer that belong to this model (a shared layer may also be called elsewhere). */
export function ownedNodes(model: Model, layer: Layer): Node[] {
  return layer.inboundNodes.filter((node) => model.ownsNode(node));
}

/** `layer[node][tensor]` links of one call, in input order. */
export function connectionsOf(node: Node): SummaryConnection[] {
  return node.inboundLayers.map((l, i) => ({
    layer: l.name,
    nodeIndex: node.nodeIndices[i]!,
    tensorIndex: node.tensorIndices[i]!,
  }));
}

/**
 * The shape(s) several calls share, as one shape or a list of shapes, or
 * `'multiple'` when they differ or there are no calls.
 */
export function agreedShape(calls: readonly Shape[][]): SummaryShape {
  if (calls.length === 0) return 'multiple';
  const key = JSON.stringify(calls[0]);
  if (calls.some((shapes) => JSON.stringify(shapes) !== key)) return 'multiple';
  const first = calls[0]!.map((s) => s.slice());
  return first.length === 1 ? first[0]! : first;
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
    if (nodes.length > 1 || (nodes.length === 1 && nodes[0]!.inboundLayers.length > 1))
      return false;
  }
  return model.layers.every((layer) => ownedNodes(model, layer).length <= 1);
}
