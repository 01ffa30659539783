import { at, entry } from './checked.js';
import { ConfigError } from './errors.js';
import { InputLayer } from './input-layer.js';
import type { Layer } from './layer.js';
import type { Node } from './node.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/** A model's graph, ordered the way Keras 2 orders it (so summaries list layers alike). */
export interface Graph {
  /** Layers by decreasing depth, ties broken by discovery order from the outputs. */
  layers: Layer[];
  /** Nodes of this graph grouped by depth; depth 0 holds the nodes producing the outputs. */
  nodesByDepth: Map<number, Node[]>;
  /** Nodes in an order that computes every input before it is used (inputs excluded). */
  executionOrder: Node[];
  /** The nodes that belong to this graph (a shared layer may have others). */
  nodes: Set<Node>;
}

function nodeOf(t: SymbolicTensor): Node {
  return at(t.sourceLayer.inboundNodes, t.nodeIndex, 'inbound node of a tensor');
}

/** Walks back from the outputs as Keras' `Network.__init__` does and checks the inputs are reachable. */
export function buildGraph(
  inputs: SymbolicTensor[],
  outputs: SymbolicTensor[],
  modelName: string,
): Graph {
  const finished = new Set<Node>();
  const inProgress = new Set<Node>();
  const decreasingDepth: Node[] = [];
  const layerIndices = new Map<Layer, number>();

  const visit = (node: Node): void => {
    if (inProgress.has(node)) {
      throw new ConfigError(
        `the graph has a cycle through layer ${node.outboundLayer.name}`,
        modelName,
      );
    }
    if (finished.has(node)) return;
    if (!layerIndices.has(node.outboundLayer))
      layerIndices.set(node.outboundLayer, layerIndices.size);
    inProgress.add(node);
    node.inputTensors.forEach((t) => visit(nodeOf(t)));
    finished.add(node);
    inProgress.delete(node);
    decreasingDepth.push(node);
  };
  outputs.forEach((t) => visit(nodeOf(t)));

  const nodeDepths = new Map<Node, number>();
  const layerDepths = new Map<Layer, number>();
  for (const node of decreasingDepth.slice().reverse()) {
    const depth = Math.max(nodeDepths.get(node) ?? 0, layerDepths.get(node.outboundLayer) ?? 0);
    layerDepths.set(node.outboundLayer, depth);
    nodeDepths.set(node, depth);
    for (const t of node.inputTensors) {
      const inbound = nodeOf(t);
      nodeDepths.set(inbound, Math.max(depth + 1, nodeDepths.get(inbound) ?? 0));
    }
  }

  const nodesByDepth = new Map<number, Node[]>();
  for (const [node, depth] of nodeDepths) {
    const list = nodesByDepth.get(depth) ?? [];
    list.push(node);
    nodesByDepth.set(depth, list);
  }
  const layersByDepth = new Map<number, Layer[]>();
  for (const [layer, depth] of layerDepths) {
    const list = layersByDepth.get(depth) ?? [];
    list.push(layer);
    layersByDepth.set(depth, list);
  }
  const depths = [...layersByDepth.keys()].sort((a, b) => b - a);
  const layers = depths.flatMap((d) =>
    entry(layersByDepth, d, 'layers at a depth').sort(
      (a, b) => entry(layerIndices, a, 'layer index') - entry(layerIndices, b, 'layer index'),
    ),
  );

  const inputNodes = new Set(inputs.map(nodeOf));
  const nodeDepthKeys = [...nodesByDepth.keys()].sort((a, b) => b - a);
  const executionOrder: Node[] = [];
  for (const d of nodeDepthKeys) {
    for (const node of entry(nodesByDepth, d, 'nodes at a depth')) {
      if (node.outboundLayer instanceof InputLayer) {
        if (!inputNodes.has(node)) {
          throw new ConfigError(
            `graph disconnected: the outputs need input ${node.outboundLayer.name}, which is not among the ` +
              `model's inputs (${inputs.map((t) => t.sourceLayer.name).join(', ') || 'none'})`,
            modelName,
          );
        }
        continue;
      }
      executionOrder.push(node);
    }
  }
  return { layers, nodesByDepth, executionOrder, nodes: new Set(nodeDepths.keys()) };
}
